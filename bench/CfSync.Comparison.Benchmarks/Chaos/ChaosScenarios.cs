using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;
using CfSync.Cloudflare.Emulator.Control;

namespace CfSync.Comparison.Benchmarks.Chaos;

/// <summary>
/// Faults against the running CfSync stack, on a tunnel of their own (<see cref="ChaosTunnel"/>): each makes changes
/// while its fault is active, ends the fault, and measures how long after the fault's end Cloudflare's configuration
/// equals `cfsync render` of the final manifests.
/// </summary>
internal sealed class ChaosScenarios(ComparisonOptions options, HttpClient http, ChaosTunnel tunnel)
{
    private readonly EmulatorControlClient control = new(http, options.Emulator);
    private readonly JournalView journal = new(new EmulatorControlClient(http, options.Emulator), e => e.Path.EndsWith(ChaosTunnel.ConfigurationPath, StringComparison.Ordinal));
    private readonly QueueClient changes = Queue(options.StorageConnection, ComparisonOptions.ChangeQueue);
    private readonly QueueClient poison = Queue(options.StorageConnection, ComparisonOptions.ChangeQueue + "-poison");
    private int ingresses;

    private TimeSpan Limit => TimeSpan.FromSeconds(options.Smoke ? 60 : 120);

    private int ChangesDuringFault => options.Smoke ? 3 : 10;

    public static async Task<IReadOnlyList<ChaosResult>> RunAsync(ComparisonOptions options, HttpClient http, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(options.OutputDirectory, "chaos", "manifests")).FullName;
        var tunnel = new ChaosTunnel(options, http, folder);
        try
        {
            await tunnel.CreateAsync(cancellationToken).ConfigureAwait(false);
            var scenarios = new ChaosScenarios(options, http, tunnel);
            await scenarios.AddIngressAsync(cancellationToken).ConfigureAwait(false);
            var expected = await tunnel.RenderAsync(cancellationToken).ConfigureAwait(false);
            if (await tunnel.SecondsToConvergeAsync(expected, Stopwatch.GetTimestamp(), scenarios.Limit, cancellationToken).ConfigureAwait(false) is null)
            {
                return [new ChaosResult("setup", false, scenarios.Limit.TotalSeconds, "the chaos tunnel's first Ingress never reached Cloudflare; no fault was run")];
            }

            // The poison message goes first: its attempts (5 s apart) run while the other faults do.
            var poison = await scenarios.PoisonMessageAsync(cancellationToken).ConfigureAwait(false);
            var server = await scenarios.ServerErrorsAsync(cancellationToken).ConfigureAwait(false);
            var storm = await scenarios.RateLimitStormAsync(cancellationToken).ConfigureAwait(false);
            var reordered = await scenarios.DuplicatedAndReorderedAsync(cancellationToken).ConfigureAwait(false);
            var stopped = await scenarios.ApiServerStoppedAsync(cancellationToken).ConfigureAwait(false);
            var killed = await scenarios.BridgeLeaderKilledAsync(cancellationToken).ConfigureAwait(false);
            return [server, storm, await scenarios.PoisonedAsync(poison, cancellationToken).ConfigureAwait(false), reordered, stopped, killed];
        }
        finally
        {
            await new EmulatorControlClient(http, options.Emulator).ClearFaultsAsync(CancellationToken.None).ConfigureAwait(false);
            await tunnel.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One in five requests on the tunnel's configuration (GET or PUT) answers 500 or 503: the emulator's rules are
    /// used in order, so "pass 4, fail 1" is armed as alternating rules (a rule without status serves normally).
    /// </summary>
    private async Task<ChaosResult> ServerErrorsAsync(CancellationToken cancellationToken)
    {
        const string fault = "20% 5xx on the tunnel configuration";
        for (var cycle = 0; cycle < 100; cycle++)
        {
            await control.InjectFaultAsync(new FaultRule("**/cfd_tunnel/" + ChaosTunnel.TunnelId + "/configurations", Status: cycle % 2 == 0 ? 500 : 503), cancellationToken).ConfigureAwait(false);
            await control.InjectFaultAsync(new FaultRule("**/cfd_tunnel/" + ChaosTunnel.TunnelId + "/configurations", Count: 4), cancellationToken).ConfigureAwait(false);
        }

        var started = DateTimeOffset.UtcNow;
        var (seconds, calls) = await EndFaultAsync(started, cancellationToken).ConfigureAwait(false);
        var errors = calls.Count(c => c.Status >= 500);
        return Result(fault, seconds, string.Create(CultureInfo.InvariantCulture,
            $"{ChangesDuringFault} Ingresses added in {FaultWindow.TotalSeconds:F0} s of fault; {calls.Count} calls on the tunnel configuration, {errors} answered 5xx ({Share(errors, calls.Count)}); seconds from the fault's end"));
    }

    /// <summary>The next requests on the tunnel's configuration answer 429 with retry-after; measured: the shortest gap CfSync left after a 429.</summary>
    private async Task<ChaosResult> RateLimitStormAsync(CancellationToken cancellationToken)
    {
        const int retryAfter = 2;
        var count = options.Smoke ? 4 : 5; // every one served within the fault's window (retry-after 2 s each)
        var fault = $"429 storm ({count} x retry-after {retryAfter} s)";
        await control.InjectFaultAsync(new FaultRule("**/cfd_tunnel/" + ChaosTunnel.TunnelId + "/configurations", Count: count, Status: 429, RetryAfterSeconds: retryAfter), cancellationToken).ConfigureAwait(false);
        var started = DateTimeOffset.UtcNow;
        var (seconds, calls) = await EndFaultAsync(started, cancellationToken).ConfigureAwait(false);
        var gaps = calls.Zip(calls.Skip(1)).Where(p => p.First.Status == 429).Select(p => (p.Second.Timestamp - p.First.Timestamp).TotalSeconds).ToList();
        return Result(fault, seconds, string.Create(CultureInfo.InvariantCulture,
            $"{calls.Count(c => c.Status == 429)} of {count} 429s served during {FaultWindow.TotalSeconds:F0} s; shortest wait after a 429: {(gaps.Count == 0 ? "none" : gaps.Min().ToString("F2", CultureInfo.InvariantCulture) + " s")} (retry-after {retryAfter} s); seconds from the fault's end"));
    }

    /// <summary>Garbage on the change queue, then a real change: the change must sync (<see cref="PoisonedAsync"/> looks for the garbage later).</summary>
    private async Task<PoisonSent> PoisonMessageAsync(CancellationToken cancellationToken)
    {
        var garbage = "chaos-poison " + Guid.NewGuid().ToString("N");
        var name = NextIngress();
        await tunnel.WriteIngressAsync(name, "/", cancellationToken).ConfigureAwait(false);
        var expected = await tunnel.RenderAsync(cancellationToken).ConfigureAwait(false);
        await changes.SendMessageAsync(garbage, cancellationToken).ConfigureAwait(false);
        var sent = Stopwatch.GetTimestamp();
        await tunnel.ApplyIngressAsync(name, cancellationToken).ConfigureAwait(false);
        return new PoisonSent(garbage, sent, await tunnel.SecondsToConvergeAsync(expected, Stopwatch.GetTimestamp(), Limit, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Whether the garbage reached the poison queue: the listener tries a failing message maxDequeueCount (5) times,
    /// 5 s apart in this harness (scripts/bench-compare.sh), so the run waits up to 60 s from the send.
    /// </summary>
    private async Task<ChaosResult> PoisonedAsync(PoisonSent poison, CancellationToken cancellationToken)
    {
        var poisoned = await InPoisonQueueAsync(poison.Garbage, cancellationToken).ConfigureAwait(false);
        while (!poisoned && Stopwatch.GetElapsedTime(poison.Sent) < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            poisoned = await InPoisonQueueAsync(poison.Garbage, cancellationToken).ConfigureAwait(false);
        }

        var waited = Stopwatch.GetElapsedTime(poison.Sent).TotalSeconds;
        var found = poisoned
            ? string.Create(CultureInfo.InvariantCulture, $"was in cfsync-changes-poison {waited:F0} s after it was sent")
            : string.Create(CultureInfo.InvariantCulture, $"was not in cfsync-changes-poison {waited:F0} s after it was sent");
        return Result("poison message on the change queue", poison.SecondsToConverge, $"the change after the garbage {(poison.SecondsToConverge is null ? "did not sync" : "synced")}; the garbage {found}; seconds from the change");
    }

    private sealed record PoisonSent(string Garbage, long Sent, double? SecondsToConverge);

    /// <summary>
    /// An Ingress edited twice; then its newest change is sent again twice, and its older ones after it (as a redelivery
    /// or an old replica would): the watchers read the object, so the final state must still be the last edit.
    /// </summary>
    private async Task<ChaosResult> DuplicatedAndReorderedAsync(CancellationToken cancellationToken)
    {
        const string fault = "duplicated and reordered change messages";
        var name = await AddIngressAsync(cancellationToken).ConfigureAwait(false);
        var (uid, added) = await tunnel.IdentityAsync(name, cancellationToken).ConfigureAwait(false);
        await tunnel.PutIngressAsync(name, "/v2", cancellationToken).ConfigureAwait(false);
        var (_, second) = await tunnel.IdentityAsync(name, cancellationToken).ConfigureAwait(false);
        await tunnel.PutIngressAsync(name, "/v3", cancellationToken).ConfigureAwait(false);
        var (_, last) = await tunnel.IdentityAsync(name, cancellationToken).ConfigureAwait(false);
        var expected = await tunnel.RenderAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (version, type) in new[] { (last, "Modified"), (last, "Modified"), (second, "Modified"), (added, "Added") })
        {
            var batch = new { changes = new[] { new { group = "networking.k8s.io", kind = "Ingress", @namespace = ChaosTunnel.Namespace, name, uid, resourceVersion = version, type } } };
            await changes.SendMessageAsync(JsonSerializer.Serialize(batch), cancellationToken).ConfigureAwait(false);
        }

        var seconds = await tunnel.SecondsToConvergeAsync(expected, Stopwatch.GetTimestamp(), Limit, cancellationToken).ConfigureAwait(false);
        // Later ones may still be on the queue when the first equality is seen: equality must hold after them too.
        await Task.Delay(StillEqualAfter, cancellationToken).ConfigureAwait(false);
        var stillEqual = seconds is not null && await tunnel.SecondsToConvergeAsync(expected, Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false) is not null;
        return Result(fault, stillEqual ? seconds : null, string.Create(CultureInfo.InvariantCulture,
            $"Ingress {name} edited twice (resourceVersions {added}, {second}, {last}); sent {last} twice, then {second} and {added}; {(stillEqual ? "still equal to the render" : "not equal to the render")} {StillEqualAfter.TotalSeconds:F0} s later; seconds from the last message"));
    }

    // Changes during the fault; the render of the final manifests; the fault's end; the wait for equality.
    private async Task<(double? Seconds, List<JournalEntry> Calls)> EndFaultAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        await ChangeWhileFaultedAsync(cancellationToken).ConfigureAwait(false);
        var expected = await tunnel.RenderAsync(cancellationToken).ConfigureAwait(false);
        await control.ClearFaultsAsync(cancellationToken).ConfigureAwait(false);
        var ended = DateTimeOffset.UtcNow;
        var seconds = await tunnel.SecondsToConvergeAsync(expected, Stopwatch.GetTimestamp(), Limit, cancellationToken).ConfigureAwait(false);
        return (seconds, await CallsAsync(started, ended, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The dev cluster's process stopped (SIGSTOP): its port still accepts connections but nothing answers, as an API
    /// server that hangs. An Ingress applied just before the stop and one just after the resume must both sync; the
    /// clock runs from the resume.
    /// </summary>
    private async Task<ChaosResult> ApiServerStoppedAsync(CancellationToken cancellationToken)
    {
        var outage = TimeSpan.FromSeconds(options.Smoke ? 10 : 30);
        var fault = string.Create(CultureInfo.InvariantCulture, $"API server unresponsive for {outage.TotalSeconds:F0} s");
        var cluster = options.ProcessId("cluster").ToString(CultureInfo.InvariantCulture);
        var before = NextIngress();
        var after = NextIngress();
        await tunnel.WriteIngressAsync(before, "/", cancellationToken).ConfigureAwait(false);
        await tunnel.WriteIngressAsync(after, "/", cancellationToken).ConfigureAwait(false);
        var expected = await tunnel.RenderAsync(cancellationToken).ConfigureAwait(false);
        await tunnel.ApplyIngressAsync(before, cancellationToken).ConfigureAwait(false);
        await Commands.RunAsync("kill", ["-STOP", cluster], cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(outage, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Never leave the cluster stopped, whatever ended the wait.
            await Commands.RunAsync("kill", ["-CONT", cluster], CancellationToken.None).ConfigureAwait(false);
        }

        var resumed = Stopwatch.GetTimestamp();
        await tunnel.ApplyIngressAsync(after, cancellationToken).ConfigureAwait(false);
        var seconds = await tunnel.SecondsToConvergeAsync(expected, resumed, Limit, cancellationToken).ConfigureAwait(false);
        return Result(fault, seconds, $"Ingress {before} applied just before the stop, {after} just after the resume; seconds from the resume");
    }

    /// <summary>
    /// A second bridge (run-local's environment, its own Lease identity) is handed the Lease and killed with SIGKILL;
    /// run-local's bridge must take over once the Lease expires. The killed leader is the harness's own: killing
    /// run-local's bridge would make run-local.sh stop the whole stack. Clock from the kill; an Ingress is applied just after it.
    /// </summary>
    private async Task<ChaosResult> BridgeLeaderKilledAsync(CancellationToken cancellationToken)
    {
        const string fault = "bridge leader killed (SIGKILL)";
        var identity = "chaos-standby-" + Guid.NewGuid().ToString("N")[..8];
        var log = Path.Combine(options.OutputDirectory, "chaos", "bridge.log");
        using var bridge = ChaosBridge.Start(options, identity, log);
        try
        {
            var localLog = Path.Combine(options.RunDirectory, "bridge.log");
            var localOffset = ProcessLogs.LengthOf(localLog);
            await tunnel.HandLeaseAsync(identity, cancellationToken).ConfigureAwait(false);
            // Killed only once it alone leads: run-local's bridge stops at its renew deadline (10 s), not at once.
            if (!await ProcessLogs.WaitForLineAsync(log, 0, "Leading as " + identity, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false)
                || !await ProcessLogs.WaitForLineAsync(localLog, localOffset, "Lost the Lease", TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
            {
                return Result(fault, null, $"the Lease did not pass to the second bridge within 30 s; see {log} and {localLog}");
            }

            var name = NextIngress();
            await tunnel.WriteIngressAsync(name, "/", cancellationToken).ConfigureAwait(false);
            var expected = await tunnel.RenderAsync(cancellationToken).ConfigureAwait(false);
            bridge.Kill();
            var killed = Stopwatch.GetTimestamp();
            await tunnel.ApplyIngressAsync(name, cancellationToken).ConfigureAwait(false);
            var seconds = await tunnel.SecondsToConvergeAsync(expected, killed, Limit, cancellationToken).ConfigureAwait(false);
            var holder = await tunnel.LeaseHolderAsync(cancellationToken).ConfigureAwait(false);
            return Result(fault, seconds, $"the leader {identity} was killed; Ingress {name} applied just after; the Lease is now held by {(holder == identity ? "the killed bridge still" : holder)}; seconds from the kill (the Lease lasts 15 s)");
        }
        finally
        {
            bridge.Kill();
        }
    }

    private TimeSpan FaultWindow => TimeSpan.FromSeconds(options.Smoke ? 8 : 10);

    // The stale copies are on the queue before the first equality is seen; the watchers take them within a second or two.
    private TimeSpan StillEqualAfter => TimeSpan.FromSeconds(options.Smoke ? 3 : 5);

    // Adds Ingresses evenly over the fault's window, then waits out the window.
    private async Task ChangeWhileFaultedAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < ChangesDuringFault; i++)
        {
            var due = FaultWindow * i / ChangesDuringFault - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }

            await AddIngressAsync(cancellationToken).ConfigureAwait(false);
        }

        if (FaultWindow - clock.Elapsed is { } rest && rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
        }
    }

    private string NextIngress() => string.Create(CultureInfo.InvariantCulture, $"chaos-{++ingresses:D3}");

    private async Task<string> AddIngressAsync(CancellationToken cancellationToken)
    {
        var name = NextIngress();
        await tunnel.PutIngressAsync(name, "/", cancellationToken).ConfigureAwait(false);
        return name;
    }

    // CfSync's calls on the tunnel's configuration while the fault was on (the harness's own GETs come after).
    private async Task<List<JournalEntry>> CallsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        [.. (await journal.ReadAsync(cancellationToken).ConfigureAwait(false)).Where(e => e.Timestamp >= from && e.Timestamp < to)];

    private async Task<bool> InPoisonQueueAsync(string text, CancellationToken cancellationToken)
    {
        if (!(await poison.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            return false;
        }

        var peeked = await poison.PeekMessagesAsync(32, cancellationToken).ConfigureAwait(false);
        return peeked.Value.Any(m => m.Body.ToString() == text);
    }

    // Not converged: the seconds waited, with Converged false.
    private ChaosResult Result(string fault, double? seconds, string detail) =>
        new(fault, seconds is not null, seconds ?? Limit.TotalSeconds, detail);

    private static string Share(int part, int whole) =>
        whole == 0 ? "no calls" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F0}%");

    private static QueueClient Queue(string connection, string name) =>
        new(connection, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
}
