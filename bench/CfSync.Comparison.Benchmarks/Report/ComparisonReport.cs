using System.Globalization;
using System.Text;
using static CfSync.Comparison.Benchmarks.Report.ReportFormat;

namespace CfSync.Comparison.Benchmarks.Report;

/// <summary>
/// Writes report.md and its charts into the report folder from one run's results, every figure formatted from
/// the data: the run's header, headline comparisons, then a section per scenario family with its table and charts.
/// </summary>
internal sealed class ComparisonReport
{
    private readonly StringBuilder markdown = new();
    private readonly ComparisonResults results;
    private readonly string directory;

    private ComparisonReport(ComparisonResults results, string directory)
    {
        this.results = results;
        this.directory = directory;
    }

    /// <summary>Writes the report and returns the path of report.md.</summary>
    public static string Write(ComparisonResults results, string directory)
    {
        Directory.CreateDirectory(directory);
        var report = new ComparisonReport(results, directory);
        report.Header();
        report.Headlines();
        report.Race();
        report.Budget();
        report.Latency();
        report.Series();
        report.Chaos();
        report.Scale();
        report.Memory();
        var path = Path.Combine(directory, "report.md");
        File.WriteAllText(path, report.markdown.ToString());
        return path;
    }

    private void Header()
    {
        var machine = results.Machine;
        Line("# CfSync against the seed's direct-call controllers");
        Line();
        Line($"Run started {results.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC " +
            $"and took {Seconds(results.DurationSeconds)} s: `{results.Command}`.");
        Line();
        Line($"Machine: {machine.Cores} cores ({machine.Cpu}), {GiB(machine.MemoryBytes)} GiB memory, {machine.Os}, " +
            $"{machine.Runtime}; load average {Number(machine.LoadAverageAtStart)} at the start.");
    }

    private void Headlines()
    {
        Heading("Headlines");
        var lines = new List<string>();
        foreach (var scenario in results.Budget.GroupBy(b => b.Scenario).Where(g => g.Select(b => b.System).Distinct().Count() > 1))
        {
            int Calls(SystemKind system) => scenario.Where(b => b.System == system).Sum(b => b.CloudflareCalls);
            int TooMany(SystemKind system) => scenario.Where(b => b.System == system).Sum(b => b.TooManyRequests);
            var times = Times(Calls(SystemKind.CfSync), Calls(SystemKind.Baseline));
            lines.Add((times is null ? "Cloudflare calls" : $"CfSync made {times} Cloudflare calls") + $" on {scenario.Key} " +
                $"({Count(Calls(SystemKind.CfSync))} against {Count(Calls(SystemKind.Baseline))}); " +
                $"429s: CfSync {Count(TooMany(SystemKind.CfSync))}, baseline {Count(TooMany(SystemKind.Baseline))}.");
        }

        if (results.Race.Count > 0)
        {
            string Lost(SystemKind system) =>
                $"{Count(results.Race.Where(r => r.System == system).Sum(r => r.RulesMissing))} of " +
                $"{Count(results.Race.Where(r => r.System == system).Sum(r => r.RulesExpected))}";
            int Resets(SystemKind system) => results.Race.Count(r => r.System == system && (r.WarpRoutingReset || r.FallbackReset));
            lines.Add($"Race rules lost (K = {string.Join(", ", results.Race.Select(r => r.Producers).Distinct().Order())}): " +
                $"CfSync {Lost(SystemKind.CfSync)}, baseline {Lost(SystemKind.Baseline)}; runs that reset the tunnel's " +
                $"settings: CfSync {Resets(SystemKind.CfSync)}, baseline {Resets(SystemKind.Baseline)}.");
        }

        foreach (var scenario in results.Latency.GroupBy(l => l.Scenario))
        {
            lines.Add($"Change to Cloudflare on {scenario.Key}, p50 / p95: " + string.Join("; ", scenario.Select(l =>
                $"{l.System} {Seconds(l.Percentile(50))} / {Seconds(l.Percentile(95))} s ({Count(l.NeverApplied)} never applied)")) + ".");
        }

        if (results.Chaos.Count > 0)
        {
            var failed = results.Chaos.Where(c => !c.Converged).Select(c => c.Fault).ToList();
            lines.Add($"CfSync converged after {results.Chaos.Count - failed.Count} of {results.Chaos.Count} faults" +
                (failed.Count > 0 ? $"; not after {string.Join(", ", failed)}." : "."));
        }

        if (results.Scale.Count > 0)
        {
            lines.Add($"Scale: {results.Scale.Count(s => s.Correct)} of {results.Scale.Count} cases correct.");
        }

        lines.AddRange((results.PhaseFailures ?? []).Select(f => $"The {f.Phase} scenarios failed and measured nothing more: {f.Error}"));

        foreach (var line in lines.DefaultIfEmpty("No scenario was measured in this run."))
        {
            Line($"- {line}");
        }
    }

    private void Race()
    {
        Heading("Race: the tunnel settings and K rule sources (an Ingress, an HTTPRoute, a TunnelBinding in turn) change at once");
        Table(
            ["System", "K", "Rules expected", "Rules missing", "Warp-routing reset", "Fallback reset", "Cloudflare calls", "Settled (s)"],
            results.Race.OrderBy(r => r.Producers).ThenBy(r => r.System).Select(r => new[]
            {
                r.System.ToString(), Count(r.Producers), Count(r.RulesExpected), Count(r.RulesMissing), YesNo(r.WarpRoutingReset),
                YesNo(r.FallbackReset), Count(r.CloudflareCalls), Seconds(r.SecondsToSettle),
            }));
        Chart("Rules missing per K", ReportCharts.RaceRulesMissing(directory, results.Race));
    }

    private void Budget()
    {
        Heading("Cloudflare call budget");
        Table(
            ["Scenario", "System", "Changes", "Not in Cloudflare at the end", "Cloudflare calls", "429s", "Most calls in a window", "Limit", "Broke the limit", "Settled (s)"],
            results.Budget.Select(b => new[]
            {
                b.Scenario, b.System.ToString(), Count(b.Changes), Count(b.ChangesMissing), Count(b.CloudflareCalls), Count(b.TooManyRequests),
                Count(b.MaxCallsInAnyWindow), Count(b.Limit), YesNo(b.BrokeLimit), Seconds(b.SecondsToSettle),
            }));
        var calls = results.Budget.Select(b => (b.Scenario, b.System, b.CloudflareCalls))
            .Concat(results.Race.OrderBy(r => r.Producers).Select(r => ($"race K = {r.Producers}", r.System, r.CloudflareCalls)));
        Chart("Cloudflare calls per load and system (budget and race)", ReportCharts.CloudflareCalls(directory, calls));
    }

    private void Latency()
    {
        Heading("Latency: change to its first Cloudflare write");
        Table(
            ["Scenario", "System", "Written", "Never applied", "Changes/s", "p50 (s)", "p95 (s)", "p99 (s)", "Max (s)"],
            results.Latency.Select(l => new[]
            {
                l.Scenario, l.System.ToString(), Count(l.Seconds.Count), Count(l.NeverApplied), Number(l.ChangesPerSecond),
                Seconds(l.Percentile(50)), Seconds(l.Percentile(95)), Seconds(l.Percentile(99)), Seconds(l.Percentile(100)),
            }));
        foreach (var scenario in results.Latency.GroupBy(l => l.Scenario))
        {
            Chart($"Latency distribution: {scenario.Key}", ReportCharts.Latency(directory, scenario.Key, scenario));
        }
    }

    private void Series()
    {
        Heading("Queue depth and staleness over time");
        Table(
            ["Scenario", "Series", "System", "Samples", "Max", "Last"],
            results.Series.Select(s => new[]
            {
                s.Scenario, s.Name, s.System.ToString(), Count(s.Points.Count),
                Number(s.Points.Select(p => p.Value).DefaultIfEmpty(double.NaN).Max()),
                Number(s.Points.Count > 0 ? s.Points[^1].Value : double.NaN),
            }));
        foreach (var chart in results.Series.GroupBy(s => (s.Scenario, s.Name)))
        {
            Chart($"{chart.Key.Name}: {chart.Key.Scenario}", ReportCharts.Series(directory, chart.Key.Scenario, chart.Key.Name, chart));
        }
    }

    private void Chaos()
    {
        Heading("Faults: CfSync's convergence to `cfsync render`");
        Table(
            ["Fault", "Converged", "Seconds", "Detail"],
            results.Chaos.Select(c => new[] { c.Fault, YesNo(c.Converged), Seconds(c.SecondsToConverge), c.Detail }));
        Chart("Time to converge per fault", ReportCharts.Convergence(directory, results.Chaos));
    }

    private void Scale()
    {
        Heading("Scale");
        Table(
            ["Case", "Correct", "Seconds", "Detail"],
            results.Scale.Select(s => new[] { s.Case, YesNo(s.Correct), Seconds(s.Seconds), s.Detail }));
    }

    private void Memory()
    {
        Heading("Peak memory per process (VmHWM at the end of the run)");
        Table(["Process", "Peak resident (MiB)"], results.Processes.Select(p => new[] { p.Process, MiB(p.PeakBytes) }));
    }

    private void Heading(string title)
    {
        Line();
        Line($"## {title}");
        Line();
    }

    /// <summary>A markdown table, or the not-measured line when there are no rows.</summary>
    private void Table(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var cells = rows.ToList();
        if (cells.Count == 0)
        {
            Line(NotMeasured);
            return;
        }

        Line($"| {string.Join(" | ", header)} |");
        Line($"|{string.Concat(header.Select(_ => "---|"))}");
        foreach (var row in cells)
        {
            Line($"| {string.Join(" | ", row.Select(Cell))} |");
        }
    }

    private void Chart(string title, string? fileName)
    {
        if (fileName is not null)
        {
            Line();
            Line($"![{title}]({fileName})");
        }
    }

    private void Line(string text = "") => markdown.Append(text).Append('\n');
}
