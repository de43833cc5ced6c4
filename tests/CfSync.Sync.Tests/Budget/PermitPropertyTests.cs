using CfSync.Core.Fragments;
using CfSync.Core.Sources;
using CfSync.Core.Tunnels;
using CfSync.Sync.Budget;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Tests.Budget;

/// <summary>
/// Both machines driven together on a fake clock, their messages delivered with latency and their scheduled signals up
/// to 100 ms early, while random operations run: changes, forced syncs, abandoned flights, lost grants, lost and failed
/// outcomes. Once the chaos stops, every resource must have launched and applied its latest changes, with nothing left
/// waiting, and no sync may ever have called Cloudflare without a grant.
/// </summary>
public sealed class PermitPropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Every_resource_with_changes_eventually_applies_them(int seed) => new Simulation(seed).Run();

    private sealed class Simulation(int seed)
    {
        private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(40);

        private readonly SyncOptions options = new()
        {
            DriftInterval = TimeSpan.Zero,
            AccountBudget = { PermitLimit = 4, Window = TimeSpan.FromSeconds(60), ReaskInterval = TimeSpan.FromSeconds(15) },
        };

        private readonly Random random = new(seed);
        private readonly PriorityQueue<Action, (DateTimeOffset, long)> events = new();
        private readonly Dictionary<string, ResourceSyncState> resources = [];
        private readonly Dictionary<string, Dictionary<string, string?>> expected = [];
        private readonly Dictionary<string, SyncOutcome?> orchestrations = []; // null while running or when its outcome is lost
        private readonly AccountBudgetState budgetState = new();
        private ResourceSyncMachine machine = null!;
        private FlightRecovery recovery = null!;
        private AccountBudgetMachine budget = null!;
        private DateTimeOffset now = T0;
        private long order;
        private long sequence;
        private bool chaos = true;

        public void Run()
        {
            machine = new ResourceSyncMachine(options);
            recovery = new FlightRecovery(options, machine);
            budget = new AccountBudgetMachine(options.AccountBudget);
            var keys = Enumerable.Range(0, 8).Select(i => $"TunnelConfiguration:t{i}").ToList();
            foreach (var key in keys)
            {
                resources[key] = new ResourceSyncState();
                expected[key] = [];
            }

            var chaosEnds = T0.AddMinutes(30);
            for (var at = T0; at < chaosEnds; at += TimeSpan.FromSeconds(random.Next(0, 6)))
            {
                var key = keys[random.Next(keys.Count)];
                At(at, () => Operate(key));
            }

            At(chaosEnds, () => chaos = false);
            RunUntil(chaosEnds + TimeSpan.FromHours(3)); // past every lease, retry and re-ask

            foreach (var (key, state) in resources)
            {
                Assert.True(state is { Permit: null, HeldGrant: null, InFlight: null, FollowUp: false, Debounce.DirtySince: null }, $"{key} still waits: {System.Text.Json.JsonSerializer.Serialize(state)}");
                Assert.Equal(state.ConfigHash, state.LastAppliedHash);
                foreach (var (source, host) in expected[key])
                {
                    Assert.True(host is null || state.Desired!.Json.Contains(host, StringComparison.Ordinal), $"{key} lost {source}'s {host}");
                }
            }
        }

        private void Operate(string key)
        {
            var state = resources[key];
            switch (random.Next(10))
            {
                case < 6:
                    var source = $"s{random.Next(3)}";
                    var host = $"h{++sequence}.example.com";
                    expected[key][source] = host;
                    Resource(key, machine.Register(state, key, new SourceRegistration(new Source("Ingress", "default", source), new SourceVersion(source, sequence), new IngressRulesFragment([new IngressRule(host, null, "http://web:80")])), now));
                    break;
                case 6:
                    var gone = $"s{random.Next(3)}";
                    expected[key][gone] = null;
                    Resource(key, machine.Unregister(state, key, new SourceRemoval(new Source("Ingress", "default", gone), new SourceVersion(gone, ++sequence)), now));
                    break;
                case 7:
                    Resource(key, machine.Trigger(state, key, new SyncTrigger(Force: true), now));
                    break;
                default:
                    if (state.InFlight is { } flight)
                    {
                        Resource(key, machine.Abandon(state, key, flight.InstanceId, "abandoned by the test", now));
                    }

                    break;
            }
        }

        private void Resource(string key, SyncEffects effects)
        {
            var state = resources[key];
            foreach (var signal in effects.Signals)
            {
                var at = signal.At - TimeSpan.FromMilliseconds(random.Next(0, 100));
                At(at < now ? now : at, () => Resource(key, Deliver(state, key, signal)));
            }

            foreach (var start in effects.Starts)
            {
                Start(key, state, start);
            }

            foreach (var signal in effects.BudgetSignals)
            {
                At(now + Latency, () => Budget(signal.Input switch
                {
                    PermitRequest request => budget.Request(budgetState, request, now),
                    PermitSettlement settlement => budget.Settle(budgetState, settlement, now),
                    _ => throw new InvalidOperationException($"unexpected budget signal {signal.Operation}"),
                }));
            }
        }

        private SyncEffects Deliver(ResourceSyncState state, string key, ScheduledSignal signal) => signal.Operation switch
        {
            nameof(CloudflareResourceEntity.Flush) => machine.Flush(state, key, (FlushSignal)signal.Input, now),
            nameof(CloudflareResourceEntity.RetryMirror) => machine.Mirror.Retry(state, key, (RetrySignal)signal.Input, now),
            nameof(CloudflareResourceEntity.RetrySync) => machine.RetrySync(state, key, (RetrySignal)signal.Input, now),
            nameof(CloudflareResourceEntity.CheckFlight) => recovery.Check(state, key, (FlightCheck)signal.Input, now),
            nameof(CloudflareResourceEntity.ReaskPermit) => machine.ReaskPermit(state, key, (PermitReask)signal.Input, now),
            _ => throw new InvalidOperationException($"unexpected self-signal {signal.Operation}"),
        };

        private void Start(string key, ResourceSyncState state, OrchestrationStart start)
        {
            switch (start.Input)
            {
                case SyncRequest request:
                    Assert.True(!request.Apply || state.InFlight?.Permit > 0, $"{start.InstanceId} calls Cloudflare without a grant");
                    orchestrations[start.InstanceId] = null;
                    var lost = chaos && random.Next(10) == 0;
                    var failed = chaos && random.Next(8) == 0;
                    At(now + TimeSpan.FromMilliseconds(random.Next(200, 3000)), () =>
                    {
                        var outcome = new SyncOutcome(start.InstanceId, !failed, request.Apply && !failed, request.ConfigHash, failed ? "boom" : null, 1, now) { CloudflareCalls = request.Apply ? 1 : 0 };
                        if (!lost)
                        {
                            orchestrations[start.InstanceId] = outcome;
                            Resource(key, machine.Complete(state, key, outcome, now));
                        }
                    });
                    break;
                case Orchestrations.MirrorRequest:
                    At(now + Latency, () => Resource(key, machine.Mirror.Complete(state, key, new MirrorOutcome(start.InstanceId, true, null), now)));
                    break;
                case FlightInspectionRequest inspect:
                    At(now + Latency, () =>
                    {
                        var found = orchestrations.GetValueOrDefault(inspect.InstanceId);
                        var inspection = inspect.Kind == FlightKind.Mirror || found is not null
                            ? new FlightInspection(inspect.InstanceId, inspect.Kind, FlightState.Completed, null, found)
                            : new FlightInspection(inspect.InstanceId, inspect.Kind, FlightState.Ended, "lost");
                        Resource(key, recovery.Inspected(state, key, inspection, now));
                    });
                    break;
                default:
                    throw new InvalidOperationException($"unexpected orchestration {start.Orchestration}");
            }
        }

        private void Budget(BudgetEffects effects)
        {
            foreach (var (resource, grant) in effects.Grants)
            {
                if (chaos && random.Next(6) == 0)
                {
                    continue; // the grant is lost
                }

                At(now + Latency, () => Resource(resource, machine.PermitGranted(resources[resource], resource, grant, now)));
            }

            if (effects.DispatchAt is { } at)
            {
                var early = at - TimeSpan.FromMilliseconds(random.Next(0, 100));
                At(early < now ? now : early, () => Budget(budget.Dispatch(budgetState, new DispatchSignal(at), now)));
            }
        }

        private void At(DateTimeOffset at, Action action) => events.Enqueue(action, (at, ++order));

        private void RunUntil(DateTimeOffset end)
        {
            while (events.TryPeek(out _, out var key) && key.Item1 <= end)
            {
                var action = events.Dequeue();
                now = key.Item1 > now ? key.Item1 : now;
                action();
            }
        }
    }
}
