using System.Net;

namespace CfSync.LocalHost.Tests;

/// <summary>The local API answers only this machine's tools: loopback Host, no other site's pages, the key.</summary>
public sealed class LocalApiGuardTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private const string AnyTunnel = "/api/resources/TunnelConfiguration/6ff42ae2-765d-4adf-8112-31c55c1551ef";

    private HttpClient Http => fixture.Rig.Http;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    [InlineData(LocalHostRig.Key + "x")]
    [InlineData("")]
    public async Task Calls_without_the_right_access_key_are_refused_with_401(string? key)
    {
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, AnyTunnel),
            new HttpRequestMessage(HttpMethod.Post, AnyTunnel + "/sync"),
        })
        {
            if (key is not null)
            {
                request.Headers.Add(AccessKeyCheck.HeaderName, key);
            }

            var problem = await Problems.AssertAsync(await Http.SendAsync(request), HttpStatusCode.Unauthorized);
            Assert.Contains(AccessKeyCheck.HeaderName, (string?)problem["detail"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_key_is_taken_from_the_header_or_the_code_query_parameter_like_a_function_key()
    {
        var byHeader = await Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Get, AnyTunnel)));
        var byQuery = await Http.GetAsync(new Uri($"{AnyTunnel}?code={LocalHostRig.Key}", UriKind.Relative));
        var wrongQuery = await Http.GetAsync(new Uri($"{AnyTunnel}?code=not-the-key-0123456789", UriKind.Relative));

        // No source registered for that tunnel in this hub: past the key check, the resource is not found.
        await Problems.AssertAsync(byHeader, HttpStatusCode.NotFound);
        await Problems.AssertAsync(byQuery, HttpStatusCode.NotFound);
        await Problems.AssertAsync(wrongQuery, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:7071")]
    [InlineData("127.0.0.1:1")]
    [InlineData("[::1]:8080")]
    public async Task Loopback_host_names_are_served_with_any_port(string host)
    {
        var request = LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Get, AnyTunnel));
        request.Headers.Host = host;
        await Problems.AssertAsync(await Http.SendAsync(request), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:7071")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("localhost.evil.example")]
    [InlineData("10.0.0.5:7071")]
    public async Task Other_host_names_are_refused_with_400_as_after_dns_rebinding(string host)
    {
        var request = LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Post, AnyTunnel + "/sync"));
        request.Headers.Host = host;
        var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "http://localhost.evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Requests_from_other_sites_pages_are_refused_with_403(string header, string value)
    {
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Post, AnyTunnel + "/sync"),
            new HttpRequestMessage(HttpMethod.Get, AnyTunnel),
        })
        {
            LocalHostRig.WithKey(request).Headers.TryAddWithoutValidation(header, value);
            await Problems.AssertAsync(await Http.SendAsync(request), HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("Origin", "http://localhost:3000")]
    [InlineData("Origin", "http://127.0.0.1:7071")]
    [InlineData("Origin", "http://[::1]:7071")]
    [InlineData("Sec-Fetch-Site", "none")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    public async Task Requests_from_this_machine_or_typed_by_the_user_pass(string header, string value)
    {
        var request = LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Post, AnyTunnel + "/sync"));
        request.Headers.TryAddWithoutValidation(header, value);
        var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
