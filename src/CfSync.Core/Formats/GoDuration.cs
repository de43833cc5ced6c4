using System.Globalization;

namespace CfSync.Core.Formats;

/// <summary>
/// Go's duration text ("300ms", "1m30s", "24h"), which the operator's CRDs use for timeouts and sessions.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, double Seconds)[] Units =
    [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var seconds = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unit = Units.Where(u => text.AsSpan(i).StartsWith(u.Unit, StringComparison.Ordinal))
                .OrderByDescending(u => u.Unit.Length)
                .Select(u => ((string, double)?)u)
                .FirstOrDefault();
            if (unit is null)
            {
                return false;
            }

            seconds += amount * unit.Value.Item2;
            i += unit.Value.Item1.Length;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Whole seconds, as Cloudflare's tunnel API takes timeouts; null when not a whole number of seconds.</summary>
    public static int? ToWholeSeconds(string text) =>
        TryParse(text, out var duration) && duration.Ticks % TimeSpan.TicksPerSecond == 0 && duration.TotalSeconds <= int.MaxValue
            ? (int)duration.TotalSeconds
            : null;
}
