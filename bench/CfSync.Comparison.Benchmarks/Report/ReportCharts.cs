using ScottPlot;
using static CfSync.Comparison.Benchmarks.Report.ReportFormat;

namespace CfSync.Comparison.Benchmarks.Report;

/// <summary>
/// The report's PNG charts, drawn from the results only. Each method returns the chart's file name in the report
/// folder, or null when it had nothing to draw (the report then says the figure was not measured).
/// </summary>
internal static class ReportCharts
{
    private const int Width = 900;
    private const int Height = 480;

    /// <summary>Share of all changes (those never applied included) written to Cloudflare within x seconds, per system.</summary>
    public static string? Latency(string directory, string scenario, IEnumerable<LatencyResult> results)
    {
        using var plot = new Plot();
        foreach (var result in results.Where(r => r.Seconds.Count > 0))
        {
            var seconds = result.Seconds.Order().ToArray();
            var total = seconds.Length + result.NeverApplied;
            var share = Enumerable.Range(1, seconds.Length).Select(i => 100.0 * i / total).ToArray();
            plot.Add.ScatterLine(seconds, share, ColorOf(result.System)).LegendText = result.System.ToString();
        }

        return Save(plot, directory, $"latency-{Slug(scenario)}.png", $"Change to its first Cloudflare write: {scenario}",
            "seconds after the change", "% of changes written");
    }

    /// <summary>Cloudflare API calls per load and system, on a log axis: the baseline makes orders of magnitude more.</summary>
    public static string? CloudflareCalls(string directory, IEnumerable<(string Load, SystemKind System, int Calls)> calls)
    {
        var bars = calls.Select(c => (c.Load, c.System, Math.Log10(Math.Max(1, c.Calls)), Count(c.Calls))).ToList();
        if (bars.Count == 0)
        {
            return null;
        }

        using var plot = new Plot();
        GroupedBars(plot, bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = power => Count((long)Math.Round(Math.Pow(10, power))),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        };
        return Save(plot, directory, "cloudflare-calls.png", "Cloudflare API calls", null, "calls (log scale)");
    }

    /// <summary>Race rules missing from the final configuration per number of producers K, per system.</summary>
    public static string? RaceRulesMissing(string directory, IEnumerable<RaceResult> race)
    {
        var bars = race.Select(r => ($"K = {r.Producers}", r.System, (double)r.RulesMissing, Count(r.RulesMissing))).ToList();
        if (bars.Count == 0)
        {
            return null;
        }

        using var plot = new Plot();
        GroupedBars(plot, bars);
        return Save(plot, directory, "race-rules-missing.png", "Rules missing after K producers changed at once", null, "rules missing");
    }

    /// <summary>One sampled quantity of one scenario over time, a line per system.</summary>
    public static string? Series(string directory, string scenario, string name, IEnumerable<TimeSeries> series)
    {
        using var plot = new Plot();
        foreach (var one in series.Where(s => s.Points.Count > 0))
        {
            plot.Add.ScatterLine(one.Points.Select(p => p.Seconds).ToArray(), one.Points.Select(p => p.Value).ToArray(), ColorOf(one.System))
                .LegendText = one.System.ToString();
        }

        return Save(plot, directory, $"series-{Slug(scenario)}-{Slug(name)}.png", $"{name}: {scenario}", "seconds", name);
    }

    /// <summary>CfSync's time to converge after each fault; a fault it did not converge from is a red bar marked "failed".</summary>
    public static string? Convergence(string directory, IReadOnlyList<ChaosResult> chaos)
    {
        if (chaos.Count == 0)
        {
            return null;
        }

        using var plot = new Plot();
        var bars = chaos.Select((c, i) => new Bar
        {
            Position = i,
            Value = double.IsFinite(c.SecondsToConverge) ? c.SecondsToConverge : 0,
            FillColor = c.Converged ? ColorOf(SystemKind.CfSync) : Colors.Red,
            Label = (c.Converged, double.IsFinite(c.SecondsToConverge)) switch
            {
                (true, _) => Seconds(c.SecondsToConverge),
                (false, true) => $"failed after {Seconds(c.SecondsToConverge)} s",
                (false, false) => "failed",
            },
        }).ToArray();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. bars.Select(b => b.Position)], [.. chaos.Select(c => c.Fault)]);
        return Save(plot, directory, "chaos-convergence.png", "CfSync: time to converge after each fault", null, "seconds", legend: false);
    }

    private static Color ColorOf(SystemKind system) => new ScottPlot.Palettes.Category10().GetColor((int)system);

    /// <summary>Bars side by side per group (a load, a K), one colour per system, each labelled with its figure.</summary>
    private static void GroupedBars(Plot plot, IReadOnlyList<(string Group, SystemKind System, double Value, string Label)> bars)
    {
        var groups = bars.Select(b => b.Group).Distinct().ToList();
        var systems = Enum.GetValues<SystemKind>();
        const double width = 0.8;
        plot.Add.Bars(bars.Select(b => new Bar
        {
            Position = groups.IndexOf(b.Group) + ((Array.IndexOf(systems, b.System) + 0.5) / systems.Length - 0.5) * width,
            Size = width / systems.Length,
            Value = b.Value,
            FillColor = ColorOf(b.System),
            Label = b.Label,
        }).ToArray());
        plot.Axes.Bottom.SetTicks([.. groups.Select((_, i) => (double)i)], [.. groups]);
        plot.Legend.ManualItems.AddRange(systems.Select(s => new LegendItem { LabelText = s.ToString(), FillColor = ColorOf(s) }));
    }

    private static string? Save(
        Plot plot, string directory, string fileName, string title, string? xLabel, string yLabel, bool legend = true)
    {
        if (!plot.GetPlottables().Any())
        {
            return null;
        }

        plot.Title(title);
        if (xLabel is not null)
        {
            plot.XLabel(xLabel);
        }

        plot.YLabel(yLabel);
        if (legend)
        {
            // Beside the data, never over it.
            plot.ShowLegend(Edge.Right);
        }

        plot.SavePng(Path.Combine(directory, fileName), Width, Height);
        return fileName;
    }
}
