using System.Globalization;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// An age as kubectl shows it (apimachinery's duration.HumanDuration): seconds up to 2 minutes, then minutes (with
/// seconds below 10 minutes), hours (with minutes below 8 hours), days (with hours below 8 days), years (with days below
/// 8 years).
/// </summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan age)
    {
        var seconds = (long)Math.Floor(age.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return Show($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? Show($"{minutes}m") : Show($"{minutes}m{seconds % 60}s");
        }

        if (minutes < 180)
        {
            return Show($"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? Show($"{hours}h") : Show($"{hours}h{minutes % 60}m");
        }

        if (hours < 48)
        {
            return Show($"{hours}h");
        }

        var days = hours / 24;
        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? Show($"{days}d") : Show($"{days}d{hours % 24}h");
        }

        if (days < 365 * 2)
        {
            return Show($"{days}d");
        }

        var years = days / 365;
        return days < 365 * 8 && days % 365 != 0 ? Show($"{years}y{days % 365}d") : Show($"{years}y");
    }

    private static string Show(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
