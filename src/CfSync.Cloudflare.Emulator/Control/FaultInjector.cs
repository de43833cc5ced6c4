using System.Text.RegularExpressions;

namespace CfSync.Cloudflare.Emulator.Control;

/// <summary>Holds armed fault rules; each matching request consumes one use of the first matching rule.</summary>
public sealed class FaultInjector
{
    private readonly object sync = new();
    private readonly List<ArmedFault> armed = [];

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var pattern = "^/?" + Regex.Escape(rule.PathPattern.TrimStart('/'))
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$";
        lock (sync)
        {
            armed.Add(new ArmedFault(rule, new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), rule.Count));
        }
    }

    /// <summary>
    /// Rules not yet used up. A test that holds requests (a latency rule) reads from it that a held request has arrived:
    /// the request took the rule's last use.
    /// </summary>
    public IReadOnlyList<FaultRule> Armed
    {
        get
        {
            lock (sync)
            {
                return [.. armed.Select(f => f.Rule)];
            }
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            armed.Clear();
        }
    }

    /// <summary>The rule to apply to this request, if any (its remaining count is decremented).</summary>
    public FaultRule? Take(string method, string path)
    {
        lock (sync)
        {
            var match = armed.FirstOrDefault(f => f.Remaining > 0
                && (f.Rule.Method is null || string.Equals(f.Rule.Method, method, StringComparison.OrdinalIgnoreCase))
                && f.Pattern.IsMatch(path));
            if (match is null)
            {
                return null;
            }

            match.Remaining--;
            armed.RemoveAll(f => f.Remaining <= 0);
            return match.Rule;
        }
    }

    private sealed class ArmedFault(FaultRule rule, Regex pattern, int remaining)
    {
        public FaultRule Rule { get; } = rule;

        public Regex Pattern { get; } = pattern;

        public int Remaining { get; set; } = remaining;
    }
}
