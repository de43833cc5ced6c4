using BenchmarkDotNet.Attributes;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;

namespace CfSync.Benchmarks;

/// <summary>
/// Aggregate + validate + hash of one tunnel, as the entity does on every change: rules spread over
/// Ingresses of 10 rules each (hosts, prefix paths, some wildcards), plus the tunnel's settings.
/// </summary>
[MemoryDiagnoser]
public class TunnelAggregationBenchmarks
{
    private readonly TunnelConfigurationAggregator aggregator = new();
    private SourceFragment[] fragments = [];

    [Params(10, 1_000, 10_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var settings = new SourceFragment(new Source("ClusterTunnel", null, "main"),
            new TunnelSettingsFragment(true, "http_status:404", new OriginRequest { ConnectTimeout = 10 }));
        fragments = Enumerable.Range(0, Rules)
            .GroupBy(i => i / 10)
            .Select(group => new SourceFragment(
                new Source("Ingress", $"team-{group.Key % 17}", $"app-{group.Key}"),
                new IngressRulesFragment(group.Select(Rule).ToArray())))
            .Append(settings)
            .ToArray();
    }

    [Benchmark]
    public AggregateResult AggregateValidateHash() => aggregator.Aggregate(fragments);

    private static IngressRule Rule(int i) => (i % 5) switch
    {
        0 => new IngressRule($"*.svc{i}.example.com", null, $"https://web{i}.default.svc:443", new OriginRequest { NoTlsVerify = true }),
        1 => new IngressRule($"app{i}.example.com", PathPatterns.Exact($"/health/{i}"), $"http://web{i}.default.svc:8080"),
        _ => new IngressRule($"app{i}.example.com", PathPatterns.Prefix($"/api/v{i % 3}"), $"http://web{i}.default.svc:80"),
    };
}
