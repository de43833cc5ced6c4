using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CfSync.Testing;

namespace CfSync.LocalHost.Tests;

/// <summary>
/// <c>cfsync render</c> and the engine compute the same thing (issue 9): the samples posted to the local host end in
/// entities whose body, hash, and every source's status and reasons equal what render prints for the same manifests.
/// Render's output is the checked-in <c>samples/expected/cluster-with-problems.json</c> (the CLI tests hold render to it).
/// </summary>
public sealed class RenderParityTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples");

    private LocalHostRig Rig => fixture.Rig;

    [Fact]
    public async Task The_engine_holds_what_render_prints_for_the_samples_with_their_problems()
    {
        var files = new[] { "cluster", "problems" }.SelectMany(folder => Directory.GetFiles(Path.Combine(Samples, folder)).Order(StringComparer.Ordinal));
        var posted = await Rig.PostManifestsAsync(Manifests.Join([.. files.Select(File.ReadAllText)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var rendered = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Samples, "expected", "cluster-with-problems.json")))!["resources"]!.AsArray();
        Assert.NotEmpty(rendered);
        foreach (var resource in rendered.Select(r => r!.AsObject()))
        {
            var expectedSources = resource["sources"]!.AsArray().ToDictionary(Key, s => s!.AsObject());
            var state = await SettledStateAsync(resource, expectedSources.Count);
            var what = $"{resource["resourceType"]}/{resource["cloudflareId"]}";
            Assert.True(JsonNode.DeepEquals(resource["desired"], state["desired"]), $"{what}: the engine's body differs from render's");
            Assert.Equal((string?)resource["configHash"], (string?)state["configHash"]);
            var held = state["sources"]!.AsObject().Where(s => s.Value!["deleted"] is null).ToDictionary(s => s.Key, s => s.Value!.AsObject());
            Assert.Equal(expectedSources.Keys.Order(), held.Keys.Order());
            foreach (var (key, expected) in expectedSources)
            {
                Assert.Equal(((string?)expected["status"], Texts(expected["reasons"])), ((string?)held[key]["status"], Texts(held[key]["reasons"])));
            }
        }
    }

    private async Task<JsonObject> SettledStateAsync(JsonObject resource, int sources)
    {
        JsonObject? state = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var path = $"/api/resources/{resource["resourceType"]}/{Uri.EscapeDataString((string)resource["cloudflareId"]!)}";
                var response = await Rig.Http.SendAsync(LocalHostRig.WithKey(new HttpRequestMessage(HttpMethod.Get, path)));
                state = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
                return state is not null && (string?)state["syncStatus"] is "Synced" or "Failed"
                    && state["sources"]!.AsObject().Count(s => s.Value!["deleted"] is null) == sources;
            },
            TimeSpan.FromSeconds(90),
            $"the entity of {resource["resourceType"]}/{resource["cloudflareId"]} to sync");
        return state!;
    }

    private static string Key(JsonNode? source) =>
        source!["namespace"] is { } ns ? $"{source["kind"]}/{ns}/{source["name"]}" : $"{source["kind"]}/{source["name"]}";

    private static string Texts(JsonNode? list) => string.Join(" | ", list!.AsArray().Select(r => (string?)r));
}
