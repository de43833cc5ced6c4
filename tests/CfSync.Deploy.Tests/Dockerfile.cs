using System.Text.RegularExpressions;

namespace CfSync.Deploy.Tests;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and its arguments, continuation lines joined.</summary>
internal sealed record Instruction(string Keyword, string Arguments);

/// <summary>A build stage: <c>FROM {Image} AS {Name}</c> and what follows it.</summary>
internal sealed record Stage(string Name, string Image, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<string> Arguments(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>Every ENV of the stage (both the key=value and the legacy "key value" form).</summary>
    public IReadOnlyDictionary<string, string> Environment() =>
        Arguments("ENV").SelectMany(Dockerfile.EnvPairs).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>The last USER: what the image runs as.</summary>
    public string? User => Arguments("USER").LastOrDefault();

    /// <summary>The <c>COPY --from={stage} {source} {destination}</c> instructions.</summary>
    public IEnumerable<(string From, string Source, string Destination)> CopiesFromStages() =>
        Arguments("COPY").Select(a => Regex.Match(a, @"^--from=(\S+)\s+(\S+)\s+(\S+)$")).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value));
}

/// <summary>
/// The Dockerfile read the way BuildKit reads the subset we use: comments and parser directives skipped, lines ending
/// in a backslash continued, one stage per FROM.
/// </summary>
internal static partial class Dockerfile
{
    public static IReadOnlyList<Stage> Parse(string text)
    {
        var stages = new List<Stage>();
        string? name = null, image = null;
        var instructions = new List<Instruction>();
        foreach (var (keyword, arguments) in Instructions(text))
        {
            if (keyword == "FROM")
            {
                if (image is not null)
                {
                    stages.Add(new Stage(name!, image, instructions));
                }

                var from = FromLine().Match(arguments);
                Assert.True(from.Success, $"FROM without a stage name: {arguments}");
                (image, name, instructions) = (from.Groups[1].Value, from.Groups[2].Value, []);
            }
            else
            {
                Assert.True(image is not null, $"{keyword} before any FROM");
                instructions.Add(new Instruction(keyword, arguments));
            }
        }

        if (image is not null)
        {
            stages.Add(new Stage(name!, image, instructions));
        }

        return stages;
    }

    public static IEnumerable<KeyValuePair<string, string>> EnvPairs(string arguments)
    {
        var pairs = EnvPair().Matches(arguments);
        if (pairs.Count == 0)
        {
            var space = arguments.IndexOf(' ', StringComparison.Ordinal);
            yield return new(arguments[..space], arguments[(space + 1)..].Trim());
            yield break;
        }

        foreach (Match pair in pairs)
        {
            yield return new(pair.Groups[1].Value, pair.Groups[2].Value.Trim('"'));
        }
    }

    private static IEnumerable<(string Keyword, string Arguments)> Instructions(string text)
    {
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#') || (current.Length == 0 && line.Length == 0))
            {
                continue;
            }

            var continued = line.EndsWith('\\');
            current += (current.Length > 0 ? " " : "") + (continued ? line[..^1].Trim() : line);
            if (!continued)
            {
                var space = current.IndexOf(' ', StringComparison.Ordinal);
                yield return (current[..space].ToUpperInvariant(), current[(space + 1)..].Trim());
                current = "";
            }
        }
    }

    [GeneratedRegex(@"^(\S+)\s+AS\s+(\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"(\w+)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();
}
