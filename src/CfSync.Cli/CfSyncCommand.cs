using CfSync.Cli.Rendering;

namespace CfSync.Cli;

/// <summary>The <c>cfsync</c> command line: dispatches to the subcommands.</summary>
internal static class CfSyncCommand
{
    public const int UsageError = 2;

    private const string Usage = """
        Usage: cfsync render <file-or-folder>... [--output json|table] [--tunnel-id <source key>=<uuid>]...
                             [--tunnel-ids <file>] [--strict] [--diff <earlier.json or file-or-folder>]

          render   Reads Kubernetes manifests (YAML or JSON, folders recursively), runs CfSync's translators
                   and aggregators, and prints what would be sent to Cloudflare for each resource, each source's
                   status, reasons and warnings, and the kinds CfSync does not read (ignored).
                   A Tunnel/ClusterTunnel without id shows as pending:<source key>; --tunnel-id
                   Tunnel/<ns>/<name>=<uuid> or ClusterTunnel/<name>=<uuid> (repeatable) and --tunnel-ids <file>
                   (one pair a line, # comments) supply its id. --diff prints what changes in each Cloudflare
                   body (ingress rules added, removed, changed, moved; other fields) since an earlier render's
                   JSON output or other manifests. --output table: one line per resource and per source.
                   Exit 0: every source accepted (warnings allowed); 1: a source is rejected or in conflict, or
                   with --strict a warning or pending tunnel; 2: usage, file or manifest error (one line per
                   problem, naming file, document, line and field).
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Count == 0 ? error : output).WriteLine(Usage);
            return args.Count == 0 ? UsageError : 0;
        }

        if (args[0] != "render")
        {
            error.WriteLine($"cfsync: unknown command '{args[0]}'.");
            error.WriteLine(Usage);
            return UsageError;
        }

        if (!RenderArguments.TryParse(args.Skip(1).ToArray(), out var parsed, out var problem))
        {
            error.WriteLine($"cfsync render: {problem}");
            error.WriteLine(Usage);
            return UsageError;
        }

        return RenderCommand.Run(parsed, output, error);
    }
}
