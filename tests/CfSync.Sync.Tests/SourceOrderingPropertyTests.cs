using CfSync.Core.Resources;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Entities;
using CfSync.Sync.Sources;
using CsCheck;

namespace CfSync.Sync.Tests;

/// <summary>
/// At-least-once, unordered delivery into a source entity: any order of an object's history (edits, moves between
/// tunnels, deletes, re-creations) with any duplicates leaves every resource entity with exactly what the latest
/// delivery says. The source's signals are replayed on the resource machines in the order sent, as entity-to-entity
/// signals arrive.
/// </summary>
public sealed class SourceOrderingPropertyTests
{
    private static readonly Source Ingress = new("Ingress", "shop", "web");
    private static readonly string[] Tunnels = ["a", "b", "c"];

    /// <summary>One delivery: a delete, or a translation naming <see cref="Tunnel"/> (null: unresolved).</summary>
    private sealed record Delivery(string Uid, long ResourceVersion, bool Delete, string? Tunnel);

    private static Gen<Delivery[]> Histories { get; } =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 3]).Array[1, 20].Select(steps =>
        {
            var incarnation = 1;
            return steps.Select((step, i) =>
            {
                var delivery = new Delivery($"uid-{incarnation}", 10 + i, step.Item1 == 0, step.Item2 < Tunnels.Length ? Tunnels[step.Item2] : null);
                incarnation += delivery.Delete ? 1 : 0; // a deleted object comes back under a new uid
                return delivery;
            }).ToArray();
        });

    [Fact]
    public void Any_order_with_duplicates_leaves_each_resource_with_the_latest_delivery()
    {
        Gen.Select(Histories, Gen.Int, Gen.Int[0, 10]).Sample(t =>
        {
            var (history, seed, duplicates) = t;
            var shuffled = history.Concat(history.Take(duplicates)).ToArray();
            new Random(seed).Shuffle(shuffled);

            var source = new SourceState();
            var sourceMachine = new SourceMachine(new SyncOptions());
            var resources = Tunnels.ToDictionary(id => id, _ => new ResourceSyncState());
            var resourceMachine = new ResourceSyncMachine(new SyncOptions { AccountBudget = { Enabled = false } });
            var now = DateTimeOffset.UnixEpoch;
            foreach (var d in shuffled)
            {
                now = now.AddMilliseconds(1);
                var effects = d.Delete
                    ? sourceMachine.Delete(source, new SourceDeletion(Ingress, d.Uid, $"{d.ResourceVersion}"), now)
                    : sourceMachine.Apply(source, Translation(d), now);
                foreach (var signal in effects.Signals)
                {
                    var (state, key) = (resources[signal.Resource.CloudflareId], ResourceEntityKey.Format(signal.Resource));
                    _ = signal.Input switch
                    {
                        SourceRegistration r => resourceMachine.Register(state, key, r, now),
                        SourceRejection r => resourceMachine.Reject(state, key, r, now),
                        SourceRemoval r => resourceMachine.Unregister(state, key, r, now),
                        _ => throw new InvalidOperationException($"unexpected signal {signal.Operation}"),
                    };
                }
            }

            var latest = history[^1];
            foreach (var (id, state) in resources)
            {
                var live = state.Sources.GetValueOrDefault(Ingress.Key)?.Contribution;
                if (!latest.Delete && latest.Tunnel == id)
                {
                    Assert.Equal(Host(latest), ((IngressRulesFragment)live!.Fragment).Rules[0].Hostname);
                    Assert.Equal(latest.Uid, state.Sources[Ingress.Key].Uid);
                }
                else
                {
                    Assert.Null(live);
                }
            }

            Assert.Equal(latest.Delete, source.Deleted);
        });
    }

    private static string Host(Delivery d) => $"v{d.ResourceVersion}.example.com";

    private static SourceTranslation Translation(Delivery d) => d.Tunnel is null
        ? new SourceTranslation(Ingress, d.Uid, $"{d.ResourceVersion}", []) { Unresolved = ["Ingress/shop/web: spec.ingressClassName: no tunnel found"] }
        : new SourceTranslation(Ingress, d.Uid, $"{d.ResourceVersion}",
            [new SourceContribution(new ResourceIdentity(ResourceType.TunnelConfiguration, d.Tunnel), ResourceScope.None)
            {
                Fragment = new IngressRulesFragment([new IngressRule(Host(d), null, "http://web.shop.svc:80")]),
            }]);
}
