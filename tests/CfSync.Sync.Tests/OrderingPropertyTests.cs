using CfSync.Core.Fragments;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CsCheck;

namespace CfSync.Sync.Tests;

/// <summary>At-least-once, unordered delivery: any order with any duplicates ends in the state of the latest updates.</summary>
public sealed class OrderingPropertyTests
{
    private sealed record Delivery(string Name, long Sequence, bool Delete);

    [Fact]
    public void Reordered_and_duplicated_deliveries_end_in_the_latest_state()
    {
        var history = Gen.Select(Gen.OneOfConst("a", "b", "c"), Gen.Int[0, 4].Select(i => i == 0)).Array[1, 25]
            .Select(steps => steps.Select((s, i) => new Delivery(s.Item1, i + 1, s.Item2)).ToArray());
        Gen.Select(history, Gen.Int, Gen.Int[0, 10]).Sample(t =>
        {
            var (deliveries, seed, duplicates) = t;
            var random = new Random(seed);
            var shuffled = deliveries.Concat(deliveries.Take(duplicates)).ToArray();
            random.Shuffle(shuffled);

            var state = new ResourceSyncState();
            var machine = new ResourceSyncMachine(new SyncOptions { AccountBudget = { Enabled = false } });
            foreach (var d in shuffled)
            {
                var source = new Source("Ingress", "default", d.Name);
                var version = new SourceVersion(d.Name, d.Sequence);
                if (d.Delete)
                {
                    machine.Unregister(state, "TunnelConfiguration:t", new SourceRemoval(source, version), DateTimeOffset.UnixEpoch);
                }
                else
                {
                    machine.Register(state, "TunnelConfiguration:t", new SourceRegistration(source, version,
                        new IngressRulesFragment([new IngressRule($"{d.Name}{d.Sequence}.example.com", null, "http://web:80")])), DateTimeOffset.UnixEpoch);
                }
            }

            foreach (var latest in deliveries.GroupBy(d => d.Name).Select(g => g.MaxBy(d => d.Sequence)!))
            {
                var entry = state.Sources[$"Ingress/default/{latest.Name}"];
                Assert.Equal(latest.Sequence, entry.Sequence);
                Assert.Equal(latest.Delete, entry.Contribution is null);
                if (!latest.Delete)
                {
                    Assert.Equal($"{latest.Name}{latest.Sequence}.example.com", ((IngressRulesFragment)entry.Fragment!).Rules[0].Hostname);
                }
            }
        });
    }
}
