using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CfSync.Sync.Client;

namespace CfSync.LocalHost.Tests;

/// <summary>
/// Section 3 of issue 8, over HTTP: every hostile case is a 400 (413 past the body bound) with a problem body, never a
/// 500 or a crash, and the host answers the next call. The manifest reader's own bounds refuse the hostile text; the
/// host turns its problems into the body.
/// </summary>
public sealed class HostileInputTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private LocalHostRig Rig => fixture.Rig;

    public static TheoryData<string, string> ReaderCases => new()
    {
        { "alias bomb", "a: &a [*a]" },
        { "billion laughs", BillionLaughs() },
        { "JSON nested 50,000 deep", new string('[', 50_000) + new string(']', 50_000) },
        { "name with a slash", Manifests.Tunnel("a/b", Guid.NewGuid().ToString()) },
        { "namespace with a slash", Manifests.Tunnel("a", Guid.NewGuid().ToString()).Replace("namespace: intake", "namespace: in/take", StringComparison.Ordinal) },
        { "kind: 5", "apiVersion: v1\nkind: 5\nmetadata: {name: a}\n" },
        { "apiVersion: 1", "apiVersion: 1\nkind: Tunnel\nmetadata: {name: a}\n" },
        { "unknown field nested deeper than 64", Manifests.Tunnel("deep", Guid.NewGuid().ToString()).Replace("spec:\n", "spec:\n  x: " + new string('[', 100) + new string(']', 100) + "\n", StringComparison.Ordinal) },
        { "a hostname of 2 MiB", Manifests.Tunnel("big", Guid.NewGuid().ToString()).Replace("domain: example.com", "domain: " + new string('a', 2 * 1024 * 1024) + ".com", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(ReaderCases))]
    public async Task Hostile_text_is_a_400_naming_where_it_is(string name, string text)
    {
        var problem = await Problems.AssertAsync(await Rig.PostManifestsAsync(text), HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal(ResourceApi.BodyName, (string?)error["file"]);
        Assert.True((int)error["line"]! > 0, $"{name}: the problem names no line: {error.ToJsonString()}");
        Assert.True(((string?)error["message"])!.Length < 2048, $"{name}: the problem quotes too much");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_non_string_uid_is_a_400_naming_the_object_and_the_field()
    {
        var problem = await Problems.AssertAsync(await Rig.PostManifestsAsync(Manifests.Tunnel("t", Guid.NewGuid().ToString(), uid: "5")), HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal("Tunnel intake/t", (string?)error["objectName"]);
        Assert.Equal("metadata.uid", (string?)error["field"]);
        Assert.True((int)error["line"]! > 1, "the problem should point at the uid's own line");
    }

    [Fact]
    public async Task A_tunnel_id_too_long_for_a_storage_key_is_a_400_naming_the_object()
    {
        var problem = await Problems.AssertAsync(await Rig.PostManifestsAsync(Manifests.Tunnel("long", new string('a', 3000))), HttpStatusCode.BadRequest);
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal("Tunnel intake/long", (string?)error["objectName"]);
        Assert.Contains("TunnelConfiguration id", (string?)error["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 100), (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_object_of_a_request_is_named()
    {
        var text = Manifests.Join(
            Manifests.Tunnel("one", Guid.NewGuid().ToString(), uid: "1"),
            Manifests.Tunnel("fine", Guid.NewGuid().ToString()),
            Manifests.Tunnel("two", Guid.NewGuid().ToString(), uid: "[2]"));
        var problem = await Problems.AssertAsync(await Rig.PostManifestsAsync(text), HttpStatusCode.BadRequest);
        Assert.Equal(["Tunnel intake/one", "Tunnel intake/two"], problem["errors"]!.AsArray().Select(e => (string?)e!["objectName"]));
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/sync")]
    public async Task An_id_of_3000_characters_is_a_400_naming_the_field(string method, string suffix)
    {
        var request = LocalHostRig.WithKey(new HttpRequestMessage(new HttpMethod(method), $"/api/resources/TunnelConfiguration/{new string('a', 3000)}{suffix}"));
        var problem = await Problems.AssertAsync(await Rig.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.StartsWith("cloudflareId:", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.True(((string?)problem["detail"])!.Length < 300);
    }

    [Fact]
    public async Task An_id_at_the_bound_is_accepted_and_one_past_it_refused()
    {
        // Slashes count three each once encoded: a third of the bound in slashes, plus one, is past it.
        var atBound = new string('a', ResourceRoute.MaxEncodedIdLength);
        var pastBound = Uri.EscapeDataString(new string('/', (ResourceRoute.MaxEncodedIdLength / 3) + 1));
        var accepted = await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Post, $"/api/resources/NetworkRoute/{atBound}/sync")));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var refused = await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Post, $"/api/resources/NetworkRoute/{pastBound}/sync")));
        await Problems.AssertAsync(refused, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_resource_type_is_a_400_naming_the_field()
    {
        var problem = await Problems.AssertAsync(
            await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Get, "/api/resources/Tunnel/x"))), HttpStatusCode.BadRequest);
        Assert.StartsWith("resourceType:", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostname_of_20_MB_is_past_the_body_bound_and_refused_with_413_before_it_is_read()
    {
        var text = Manifests.Tunnel("huge", Guid.NewGuid().ToString()).Replace("domain: example.com", "domain: " + new string('a', 20_000_000) + ".com", StringComparison.Ordinal);
        var request = LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Post, "/api/manifests") { Content = LocalHostRig.Yaml(text) });

        // As curl does for large bodies: the client waits for the server's go-ahead, which never comes.
        request.Headers.ExpectContinue = true;
        await Problems.AssertAsync(await Rig.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_streamed_body_past_the_bound_is_refused_with_413()
    {
        var content = new PushStreamContent(4 * 1024 * 1024 + 1);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/yaml");
        var request = LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Post, "/api/manifests") { Content = content });
        request.Headers.TransferEncodingChunked = true;
        await Problems.AssertAsync(await Rig.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var response = await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Get, $"/api/resources/TunnelConfiguration/{Guid.NewGuid()}")));
        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }

    private static string BillionLaughs()
    {
        var text = new StringBuilder("a0: &a0 [lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        }

        return text.ToString();
    }

    /// <summary>A YAML comment of <c>length</c> bytes sent without a Content-Length, as a chunked upload.</summary>
    private sealed class PushStreamContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = Encoding.ASCII.GetBytes("#" + new string('x', 64 * 1024 - 2) + "\n");
            for (long sent = 0; sent < length; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
