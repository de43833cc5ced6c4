using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Kubernetes.SyncStates;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;
using Xunit.Abstractions;

namespace CfSync.Kubernetes.Tests;

/// <summary>
/// A CloudflareSyncState stays below 1 MiB whatever the tunnel (the test API server refuses objects above etcd's
/// 1.5 MiB, as a real cluster does), and says what it left out.
/// </summary>
public sealed class SyncStateSizeTests(ITestOutputHelper output) : ClusterTest
{
    private const int Bound = 1024 * 1024;

    private async Task<(JsonObject State, int Bytes)> ReadAsync(SyncStatusReport report)
    {
        var state = await SyncStateAsync(report.Resource);
        return (state, JsonSerializer.SerializeToUtf8Bytes(state).Length);
    }

    private static int Utf8Length(object value) => JsonSerializer.SerializeToUtf8Bytes(value, CoreJson.Options).Length;

    [Fact]
    public async Task A_tunnel_of_10000_rules_from_500_sources_keeps_its_hash_and_rule_count_and_stays_below_1_MiB()
    {
        var fragments = new List<SourceFragment> { new(new Source("ClusterTunnel", null, "edge"), new TunnelSettingsFragment(true)) };
        for (var app = 0; app < 500; app++)
        {
            var ns = $"team-{app % 25:D2}";
            var rules = Enumerable.Range(0, 20)
                .Select(r => new IngressRule($"app-{app:D3}-{r:D2}.apps.example.com", $"^/api/v{r}(/|$)", $"http://app-{app:D3}.{ns}.svc.cluster.local:8080"))
                .ToList();
            fragments.Add(new SourceFragment(new Source("Ingress", ns, $"app-{app:D3}"), new IngressRulesFragment(rules)));
        }

        var aggregate = new TunnelConfigurationAggregator().Aggregate(fragments);
        Assert.All(aggregate.Sources, s => Assert.Equal(SourceStatus.Accepted, s.Status));
        var report = new SyncStatusReport(Tunnel, new ResourceScope("acct"), aggregate.Desired, aggregate.ConfigHash, SyncStatus.Synced, null, 1, Time.GetUtcNow(), aggregate.Sources)
        {
            Contributions = fragments,
        };

        // Unbounded, the aggregate and the fragments alone would be more than etcd takes.
        var bodyBytes = aggregate.Desired!.Utf8Length;
        var unbounded = bodyBytes + fragments.Sum(f => Utf8Length(f.Fragment));
        Assert.True(unbounded > 1536 * 1024, $"{unbounded} bytes");

        await Sink.MirrorAsync(report, CancellationToken.None);
        var (state, bytes) = await ReadAsync(report);

        output.WriteLine($"CloudflareSyncState for 10,000 rules from 500 sources: {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (body {bodyBytes.ToString("N0", CultureInfo.InvariantCulture)}, unbounded {unbounded.ToString("N0", CultureInfo.InvariantCulture)})");
        Assert.True(bytes < Bound, $"{bytes} bytes");
        var status = state["status"]!;
        Assert.Equal(aggregate.ConfigHash, (string?)status["configHash"]);
        Assert.Equal(10_001, (int)status["ruleCount"]!);
        Assert.True((bool)status["aggregatedConfigOmitted"]!);
        Assert.Null(status["aggregatedConfig"]);
        Assert.Equal(501, (int)status["sourceCount"]!);
        var listed = state["spec"]!["sources"]!.AsArray();
        Assert.Equal(501, listed.Count);
        Assert.Null(state["spec"]!["sourcesOmitted"]);
        var kept = listed.Where(e => e!["config"] is not null).ToList();
        Assert.InRange(kept.Count, 2, 500);
        Assert.All(listed.Except(kept), e => Assert.True((bool)e!["configOmitted"]!));
        Assert.True(kept.Sum(e => Encoding.UTF8.GetByteCount(e!["config"]!.ToJsonString())) <= SyncStateDocument.MaxSourceConfigBytes);
    }

    [Fact]
    public async Task The_worst_case_of_long_names_long_reasons_and_huge_bodies_still_stays_below_1_MiB()
    {
        var longest = new string('n', 253);
        var sources = Enumerable.Range(0, 10_000)
            .Select(i => new SourceOutcome(new Source("AccessApplication", $"{i:D5}{new string('s', 58)}", $"{i:D5}{longest[5..]}"), SourceStatus.Rejected, [new string('r', 2_000)]))
            .ToList();
        // Each bound filled to the brim: a body just within its bound, fragments that use up the configs' budget.
        var fragment = new IngressRulesFragment([new IngressRule(new string('h', 2_500) + ".example.com", null, "http://svc:80")]);
        const string Shell = """{"config":{"ingress":[{"hostname":"","service":"http://svc:80"}]}}""";
        var body = Shell.Insert(Shell.IndexOf("\"\"", StringComparison.Ordinal) + 1, new string('h', SyncStateDocument.MaxAggregatedConfigBytes - Shell.Length));
        var report = new SyncStatusReport(Tunnel, new ResourceScope("acct"), new DesiredBody(body), "sha256:" + new string('a', 64), SyncStatus.Failed, new string('e', 5_000_000), 5, null, sources)
        {
            Contributions = [.. sources.Select(s => new SourceFragment(s.Source, fragment))],
        };

        // Only the sync state: the 10,000 source objects do not exist, and their status is not what is measured here.
        var writes = new StatusWrites(Log, report.Resource);
        await new SyncStateWriter(Client, Time).MirrorAsync(report, writes, CancellationToken.None);
        writes.ThrowIfAnyFailed();
        var (state, bytes) = await ReadAsync(report);

        output.WriteLine($"CloudflareSyncState, worst case: {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
        Assert.True(bytes < Bound, $"{bytes} bytes");
        Assert.Equal(SyncStateDocument.MaxListedSources, state["spec"]!["sources"]!.AsArray().Count);
        Assert.Equal(10_000 - SyncStateDocument.MaxListedSources, (int)state["spec"]!["sourcesOmitted"]!);
        Assert.Equal(10_000, (int)state["status"]!["sourceCount"]!);
        Assert.NotNull(state["status"]!["aggregatedConfig"]);
        Assert.Equal(SyncStateDocument.MaxSourceConfigBytes / Utf8Length(fragment), state["spec"]!["sources"]!.AsArray().Count(e => e!["config"] is not null));
        Assert.Equal(ApiText.MaxMessageLength, ((string?)state["status"]!["lastError"])!.Length);
    }
}
