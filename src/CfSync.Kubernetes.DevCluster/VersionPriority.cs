using System.Text.RegularExpressions;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// Kubernetes' version priority (highest first): GA before beta before alpha, higher numbers first
/// (v2 > v1 > v1beta2 > v1beta1 > v1alpha2 > v1alpha1); others after, by name. Discovery lists versions in this order
/// and the first is the preferred version kubectl uses.
/// </summary>
internal static partial class VersionPriority
{
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create((a, b) =>
    {
        var (x, y) = (Rank(a), Rank(b));
        var byRank = y.CompareTo(x);
        return byRank != 0 ? byRank : string.CompareOrdinal(a, b);
    });

    private static (int Known, int Major, int Stability, int Minor) Rank(string version)
    {
        var match = KubeVersion().Match(version);
        if (!match.Success)
        {
            return (0, 0, 0, 0);
        }

        var stability = match.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (1, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), stability, minor);
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex KubeVersion();
}
