using System.Net;
using System.Text.Json.Nodes;
using CfSync.Sync.Client;

namespace CfSync.LocalHost.Tests;

/// <summary>
/// The resource endpoints' cases, asked twice: of <see cref="ResourceEndpoints"/> itself (whose answer the Functions app
/// writes as it is) and of the local host over HTTP. Both must give the same status, media type and body.
/// </summary>
public sealed class ResourceEndpointTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private static readonly string Unknown = Guid.NewGuid().ToString();

    // A sync trigger creates its entity: it gets an id of its own, so the 404 case never depends on the cases' order.
    private static readonly string Triggered = Guid.NewGuid().ToString();

    public static TheoryData<string, string, string, string?, int, string?> Cases() => new()
    {
        // method, resource type, id (as sent in the path), force, status, what the detail starts with
        { "GET", "Tunnel", "x", null, 400, "resourceType:" },
        { "GET", "TunnelConfiguration", new string('a', 3000), null, 400, "cloudflareId:" },
        { "GET", "TunnelConfiguration", Unknown, null, 404, $"No source has registered anything for TunnelConfiguration {Unknown}." },
        { "POST", "TunnelConfiguration", Unknown, "maybe", 400, "force:" },
        { "POST", "TunnelConfiguration", Triggered, "TRUE", 202, null },
        { "POST", "dnsrecord", "CNAME:app.example.com", null, 202, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Both_hosts_answer_alike(string method, string resourceType, string id, string? force, int status, string? detail)
    {
        var endpoints = new ResourceEndpoints(fixture.Rig.Client);
        var answer = method == "GET"
            ? await endpoints.GetStateAsync(resourceType, id, CancellationToken.None)
            : await endpoints.TriggerSyncAsync(resourceType, id, force, CancellationToken.None);

        var path = $"/api/resources/{resourceType}/{Uri.EscapeDataString(id)}{(method == "GET" ? string.Empty : "/sync")}{(force is null ? string.Empty : $"?force={force}")}";
        var response = await fixture.Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(new HttpMethod(method), path)));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, answer.Status);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(answer.Body ?? string.Empty, body);
        Assert.Equal(answer.ContentType, response.Content.Headers.ContentType?.MediaType);
        if (detail is null)
        {
            Assert.Null(answer.Body);
            return;
        }

        var problem = await Problems.AssertAsync(response, (HttpStatusCode)status);
        Assert.StartsWith(detail, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(["detail", "status", "title"], problem.Select(p => p.Key).Order());
    }
}
