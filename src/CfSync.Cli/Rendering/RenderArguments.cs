namespace CfSync.Cli.Rendering;

/// <summary>How <c>cfsync render</c> prints: JSON (the machine format, the default) or a table for people.</summary>
internal enum RenderFormat
{
    Json,
    Table,
}

/// <summary>
/// The arguments of <c>cfsync render</c>: the manifests, the output format, tunnel ids given with
/// <c>--tunnel-id</c> (as written, checked by <see cref="SuppliedTunnelIds"/>) and <c>--tunnel-ids</c>, whether
/// warnings and pending tunnels fail the run (<c>--strict</c>), and the earlier state to compare with (<c>--diff</c>).
/// </summary>
internal sealed record RenderArguments(
    IReadOnlyList<string> Paths,
    RenderFormat Format,
    IReadOnlyList<string> TunnelIds,
    IReadOnlyList<string> TunnelIdFiles,
    bool Strict,
    string? DiffWith)
{
    private const string Formats = "--output takes one format: json or table";

    public static bool TryParse(IReadOnlyList<string> args, out RenderArguments parsed, out string problem)
    {
        var paths = new List<string>();
        var tunnelIds = new List<string>();
        var tunnelIdFiles = new List<string>();
        var format = RenderFormat.Json;
        var strict = false;
        string? diff = null;
        parsed = new RenderArguments(paths, format, tunnelIds, tunnelIdFiles, strict, diff);
        problem = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var (option, inline) = Split(args[i]);
            string? Value(ref int index)
            {
                if (inline is not null)
                {
                    return inline;
                }

                return index + 1 < args.Count ? args[++index] : null;
            }

            switch (option)
            {
                case "--output" or "-o":
                    var name = Value(ref i);
                    if (name is not ("json" or "table"))
                    {
                        problem = Formats;
                        return false;
                    }

                    format = name == "table" ? RenderFormat.Table : RenderFormat.Json;
                    break;
                case "--tunnel-id":
                    if (Value(ref i) is not { } pair)
                    {
                        problem = "--tunnel-id takes <source key>=<uuid>, such as Tunnel/team-a/internal=2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
                        return false;
                    }

                    tunnelIds.Add(pair);
                    break;
                case "--tunnel-ids":
                    if (Value(ref i) is not { } file)
                    {
                        problem = "--tunnel-ids takes a file of <source key>=<uuid> lines";
                        return false;
                    }

                    tunnelIdFiles.Add(file);
                    break;
                case "--diff":
                    if (diff is not null || Value(ref i) is not { } other)
                    {
                        problem = "--diff takes one earlier render's JSON output, or one file or folder of manifests";
                        return false;
                    }

                    diff = other;
                    break;
                case "--strict" when inline is null:
                    strict = true;
                    break;
                default:
                    if (args[i].StartsWith('-'))
                    {
                        problem = $"unknown option '{args[i]}'";
                        return false;
                    }

                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            problem = "name at least one file or folder";
            return false;
        }

        parsed = new RenderArguments(paths, format, tunnelIds, tunnelIdFiles, strict, diff);
        return true;
    }

    // --option=value is the same as --option value.
    private static (string Option, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
