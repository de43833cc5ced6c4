using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using Microsoft.DurableTask.Converters;
using Xunit.Abstractions;

namespace CfSync.Sync.Tests;

/// <summary>The entity state as the engine stores it (<see cref="JsonDataConverter.Default"/>), its sources written without defaults.</summary>
public sealed class ResourceSyncStateJsonTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonDataConverter Converter = JsonDataConverter.Default;

    private static SourceEntry Plain(int i) => new()
    {
        Source = new Source("Ingress", "bench", $"app-{i}"),
        Fragment = new IngressRulesFragment([new IngressRule($"r{i}.example.com", null, $"http://app-{i}.bench.svc:80")]),
        Uid = $"uid-{i}",
        Sequence = 1_767_225_600_000 + i,
        UpdatedAt = T0.AddSeconds(i),
    };

    private static SourceEntry Unusual() => new()
    {
        Source = new Source("ClusterTunnel", null, "edge"),
        Fragment = null,
        Priority = 0,
        CreatedAt = T0,
        Scope = new ResourceScope("acct", "zone"),
        Sequence = 7,
        Deleted = true,
        UpdatedAt = T0,
        ReleasedBy = 3,
        TranslationErrors = ["bad"],
        Status = SourceStatus.Conflict,
        Reasons = ["lost to x"],
        Warnings = ["assumed y"],
    };

    private static string Json(object value) => Converter.Serialize(value)!;

    private static ResourceSyncState StateOf(params SourceEntry[] entries)
    {
        var state = new ResourceSyncState { Resource = new ResourceIdentity(ResourceType.TunnelConfiguration, "t1") };
        foreach (var entry in entries)
        {
            state.Sources[entry.Source.Key] = entry;
        }

        return state;
    }

    // Every property of every entry, defaults included: what the state looked like before the sources were compacted.
    private static string Verbose(ResourceSyncState state) =>
        new JsonObject(state.Sources.Select(p => KeyValuePair.Create(p.Key, JsonNode.Parse(Json(p.Value))))).ToJsonString();

    [Fact]
    public void A_plain_source_is_written_without_its_defaults()
    {
        var written = JsonNode.Parse(Json(StateOf(Plain(1))))!["Sources"]!.AsObject().Single().Value!.AsObject();

        Assert.Equal(["Fragment", "Uid", "Sequence", "UpdatedAt"], written.Select(p => p.Key));
    }

    [Fact]
    public void Written_then_read_gives_back_the_same_sources_defaults_or_not()
    {
        var state = StateOf(Plain(1), Unusual(), Plain(2));

        var read = Converter.Deserialize<ResourceSyncState>(Json(state))!;

        Assert.Equal(Verbose(state), Verbose(read));
        Assert.Equal(state.Sources.Keys, read.Sources.Keys);
        Assert.Same(StringComparer.Ordinal, read.Sources.Comparer);
    }

    [Fact]
    public void State_written_with_every_default_still_reads()
    {
        var state = StateOf(Plain(1), Unusual());
        var old = JsonNode.Parse(Json(state))!;
        old["Sources"] = JsonNode.Parse(Verbose(state));

        var read = Converter.Deserialize<ResourceSyncState>(old.ToJsonString())!;

        Assert.Equal(Verbose(state), Verbose(read));
    }

    [Fact]
    public void Compact_sources_take_a_third_fewer_bytes()
    {
        var state = StateOf([.. Enumerable.Range(0, 1000).Select(Plain)]);

        var verbose = Verbose(state).Length / 1000.0;
        var compact = Json(state).Length / 1000.0;

        output.WriteLine($"bytes per source: {verbose:F0} with every default, {compact:F0} without");
        Assert.True(compact < verbose * 2 / 3, $"{compact:F0} bytes per source against {verbose:F0}");
    }
}
