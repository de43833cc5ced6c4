using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CfSync.Testing;

namespace CfSync.LocalHost.Tests;

/// <summary>A request is applied whole or not at all, on the real engine.</summary>
public sealed class WholeRequestTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private LocalHostRig Rig => fixture.Rig;

    [Fact]
    public async Task A_request_with_one_bad_object_signals_nothing_not_even_the_objects_before_it()
    {
        var tunnelId = Guid.NewGuid().ToString();
        var refused = await Rig.PostManifestsAsync(Manifests.Join(
            Manifests.Tunnel("before", tunnelId),
            Manifests.Tunnel("bad", tunnelId, uid: "[1]")));
        await Problems.AssertAsync(refused, HttpStatusCode.BadRequest);

        // Signals to one entity are processed in order: had the refused request signalled "before", the entity would
        // hold it by the time it holds "after".
        var applied = await Rig.PostManifestsAsync(Manifests.Tunnel("after", tunnelId));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var result = await applied.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)result!["registered"]!);
        Assert.Equal($$"""[{"resourceType":"TunnelConfiguration","cloudflareId":"{{tunnelId}}"}]""", result["resources"]!.ToJsonString());

        JsonObject? state = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var response = await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Get, $"/api/resources/TunnelConfiguration/{tunnelId}")));
                state = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
                return state?["sources"]?.AsObject().ContainsKey("Tunnel/intake/after") == true;
            },
            TimeSpan.FromSeconds(60),
            "the entity holds the applied request's source");
        Assert.Equal(["Tunnel/intake/after"], state!["sources"]!.AsObject().Select(s => s.Key));
    }
}
