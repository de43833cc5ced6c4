using System.Globalization;
using System.Text.RegularExpressions;

namespace CfSync.Comparison.Benchmarks.Report;

/// <summary>How report.md prints the measured figures (invariant culture; a figure that was not measured is "n/a").</summary>
internal static partial class ReportFormat
{
    public const string NotMeasured = "Not measured in this run.";

    public static string Seconds(double seconds) =>
        double.IsFinite(seconds) ? seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "n/a";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A sampled value or a rate: up to two decimals.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("#,0.##", CultureInfo.InvariantCulture) : "n/a";

    public static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture);

    public static string GiB(long bytes) => (bytes / 1024.0 / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>"N× fewer" or "N× more" for CfSync's count against the baseline's; null when either is zero.</summary>
    public static string? Times(int cfSync, int baseline)
    {
        if (cfSync == 0 || baseline == 0)
        {
            return null;
        }

        var ratio = Math.Max(cfSync, baseline) / (double)Math.Min(cfSync, baseline);
        return ratio.ToString(ratio >= 10 ? "N0" : "0.0", CultureInfo.InvariantCulture) + (cfSync <= baseline ? "× fewer" : "× more");
    }

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A table cell: pipes escaped, one line.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    /// <summary>A file name part from a scenario or series name.</summary>
    public static string Slug(string name) => NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
