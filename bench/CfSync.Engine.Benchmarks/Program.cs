using CfSync.Engine.Benchmarks;

// Usage: dotnet run -c Release --project bench/CfSync.Engine.Benchmarks -- [throughput|throughput-one|latency|bursts|bigburst|kill|batch|takeover|budget|budget-short|all]
// Needs CFSYNC_STORAGE_CONNECTION (scripts/bench-engine.sh starts Azurite and sets it).
var scenario = args.Length > 0 ? args[0] : "all";
var report = new BenchmarkReport();
if (scenario is "throughput" or "throughput-one" or "all")
{
    // The figure: one registration per signal.
    await Scenarios.ThroughputAsync(report, producers: 16, tunnels: 10, registrations: 3000);
}

if (scenario is "throughput" or "all")
{
    await Scenarios.ThroughputAsync(report, producers: 16, tunnels: 10, registrations: 6000, batch: 20);
    await Scenarios.ThroughputAsync(report, producers: 16, tunnels: 10, registrations: 6000, batch: 20, oneSignal: true);
}

if (scenario is "latency" or "all")
{
    await Scenarios.LatencyAsync(report, ratePerSecond: 100, seconds: 30, tunnels: 100);
    await Scenarios.LatencyAsync(report, ratePerSecond: 100, seconds: 30, tunnels: 10);
}

if (scenario == "bigburst")
{
    // The figure is at one registration per signal; steps of 20 show what batching producers gain.
    await Scenarios.BurstAsync(report, 10_000);
    await Scenarios.BurstAsync(report, 10_000, batch: 20);
}

if (scenario is "bursts" or "all")
{
    foreach (var burst in new[] { 1, 10, 100, 1_000, 10_000 })
    {
        await Scenarios.BurstAsync(report, burst);
    }

    await Scenarios.BurstAsync(report, 10_000, batch: 20);
}

if (scenario is "batch" or "all")
{
    await EntityBatchScenario.RunAsync(report, sources: 10_000, operations: 500, rounds: 5);
}

if (scenario is "kill" or "all")
{
    await WorkerKillScenario.RunAsync(report, rounds: 3);
}

if (scenario is "takeover" or "all")
{
    await TakeoverScenario.RunAsync(report, rounds: 1);
}

// Not in "all": minutes of load each.
if (scenario == "budget")
{
    await BudgetScenario.RunAsync(report, new BudgetLoad("budget", Tunnels: 100, TimeSpan.FromMinutes(5), PermitLimit: 960, TimeSpan.FromMinutes(5), Drain: TimeSpan.FromMinutes(3)));
}

if (scenario == "budget-short")
{
    await BudgetScenario.RunAsync(report, new BudgetLoad("budget-short", Tunnels: 20, TimeSpan.FromSeconds(60), PermitLimit: 40, TimeSpan.FromSeconds(60), Drain: TimeSpan.FromMinutes(3)));
}

report.Print(Console.Out);
