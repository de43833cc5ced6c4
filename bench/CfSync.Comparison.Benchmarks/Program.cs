using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using CfSync.Comparison.Benchmarks;

// scripts/bench-compare.sh starts the stack and passes every argument.
ComparisonOptions options;
try
{
    options = ComparisonOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ComparisonOptions.Usage);
    return 2;
}

var clock = Stopwatch.StartNew();
var machine = MachineReadings.Describe();
var race = new List<RaceResult>();
var budget = new List<BudgetResult>();
var latency = new List<LatencyResult>();
var series = new List<TimeSeries>();
var chaos = new List<ChaosResult>();
var scale = new List<ScaleResult>();

// Race: K producers at once, CfSync and the baseline's controllers side by side.
using (var http = new HttpClient())
{
    race.AddRange(await RaceScenario.RunAsync(options, http, CancellationToken.None));
}

// Budget: the 1,000-change burst over 10 tunnels, both systems at once.
using (var http = new HttpClient())
{
    budget.AddRange(await BurstScenario.RunAsync(options, http, CancellationToken.None));
}

string[] stackProcesses = ["localhost", "bridge", "emulator", "cluster"];
var processes = stackProcesses
    .Select(name => new ProcessPeak(name, MachineReadings.PeakBytes(options.ProcessId(name)) ?? 0))
    .Append(new ProcessPeak("harness (baseline controllers, load)", Process.GetCurrentProcess().PeakWorkingSet64))
    .ToList();
var results = new ComparisonResults(
    options.Started, options.Command, machine, race, budget, latency, series, chaos, scale, processes,
    (DateTimeOffset.UtcNow - options.Started).TotalSeconds);
var json = new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.json"), JsonSerializer.Serialize(results, json));
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F0} s; results: {Path.Combine(options.OutputDirectory, "results.json")}");
// CfSync must lose no rule, reset no setting and see no 429.
var failed = race.Any(r => r.System == SystemKind.CfSync && (r.RulesMissing > 0 || r.WarpRoutingReset || r.FallbackReset))
    || budget.Any(b => b.System == SystemKind.CfSync && b.TooManyRequests > 0);
if (failed)
{
    Console.Error.WriteLine("CfSync lost a rule, reset a tunnel setting or got a 429: see results.json.");
}

return failed ? 1 : 0;
