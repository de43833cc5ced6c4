namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// A parsed label selector: equality (=, ==, !=) and set-based (in, notin, exists, !) requirements,
/// all of which must hold (comma means AND), as in the Kubernetes "Labels and Selectors" docs.
/// </summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return _requirements.All(r => r.Matches(labels));
    }

    /// <exception cref="ApiStatusException">400 BadRequest when the selector cannot be parsed.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector([.. SplitRequirements(text).Select(ParseRequirement)]);
    }

    // Commas inside "(a,b)" belong to the value set, not to the requirement list.
    private static IEnumerable<string> SplitRequirements(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static Requirement ParseRequirement(string raw)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            throw Invalid(raw);
        }

        if (text.StartsWith('!'))
        {
            return new Requirement(Key(text[1..], raw), Operator.DoesNotExist, []);
        }

        var set = ParseSet(text, " notin ", Operator.NotIn) ?? ParseSet(text, " in ", Operator.In);
        if (set is not null)
        {
            return set;
        }

        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var at = text.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                return new Requirement(Key(text[..at], raw), op, [text[(at + token.Length)..].Trim()]);
            }
        }

        return new Requirement(Key(text, raw), Operator.Exists, []);
    }

    private static Requirement? ParseSet(string text, string keyword, Operator op)
    {
        var at = text.IndexOf(keyword, StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var values = text[(at + keyword.Length)..].Trim();
        if (!values.StartsWith('(') || !values.EndsWith(')'))
        {
            throw Invalid(text);
        }

        var items = values[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new Requirement(Key(text[..at], text), op, items);
    }

    private static string Key(string key, string raw)
    {
        var trimmed = key.Trim();
        return trimmed.Length == 0 || trimmed.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '=' or '!')
            ? throw Invalid(raw)
            : trimmed;
    }

    private static ApiStatusException Invalid(string raw) => ApiStatusException.BadRequest($"unable to parse requirement: \"{raw}\"");

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private sealed record Requirement(string Key, Operator Op, IReadOnlyList<string> Values)
    {
        // != and notin also match objects without the label, per the selector docs.
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Equals or Operator.In => has && Values.Contains(value),
                Operator.NotEquals or Operator.NotIn => !has || !Values.Contains(value),
                Operator.Exists => has,
                _ => !has,
            };
        }
    }
}
