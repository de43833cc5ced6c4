namespace CfSync.Cli.Rendering;

/// <summary>The arguments of <c>cfsync render</c>.</summary>
internal sealed record RenderArguments(IReadOnlyList<string> Paths)
{
    public static bool TryParse(IReadOnlyList<string> args, out RenderArguments parsed, out string problem)
    {
        var paths = new List<string>();
        parsed = new RenderArguments(paths);
        problem = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--output" or "-o")
            {
                if (i + 1 >= args.Count || args[i + 1] != "json")
                {
                    problem = "--output takes one format: json";
                    return false;
                }

                i++;
            }
            else if (arg.StartsWith("--output=", StringComparison.Ordinal))
            {
                if (arg != "--output=json")
                {
                    problem = "--output takes one format: json";
                    return false;
                }
            }
            else if (arg.StartsWith('-'))
            {
                problem = $"unknown option '{arg}'";
                return false;
            }
            else
            {
                paths.Add(arg);
            }
        }

        if (paths.Count == 0)
        {
            problem = "name at least one file or folder";
            return false;
        }

        return true;
    }
}
