using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Translation;
using CfSync.Translation.Manifests;

namespace CfSync.Cli.Rendering;

/// <summary>
/// <c>cfsync render</c>: manifests in, the desired Cloudflare state out (or, with <c>--diff</c>, what changes in it).
/// Tunnels without id render under their pending identity unless an id is supplied.
/// </summary>
internal static class RenderCommand
{
    public static int Run(RenderArguments arguments, TextWriter output, TextWriter error)
    {
        var problems = new List<string>();
        var ids = new TunnelIds(SuppliedTunnelIds.Read(arguments, problems), Pending: true);
        if (problems.Count > 0)
        {
            return Fail(problems, error);
        }

        if (Render(arguments.Paths, ids, checkIds: true, error) is not { } report)
        {
            return CfSyncCommand.UsageError;
        }

        JsonNode? before = null;
        if (arguments.DiffWith is { } other)
        {
            before = RenderOutput(other) ?? Render([other], ids, checkIds: false, error)?.ToJsonNode();
            if (before is null)
            {
                return CfSyncCommand.UsageError;
            }
        }

        try
        {
            Print(report, before, arguments.Format, output);
        }
        catch (FormatException e)
        {
            return Fail([$"--diff {arguments.DiffWith}: not the JSON output of cfsync render: {e.Message}"], error);
        }

        return !report.AllAccepted || (arguments.Strict && report.HasWarningsOrPending) ? 1 : 0;
    }

    // The earlier state of --diff may be manifests without the tunnels this state adds: its ids are not checked.
    private static RenderReport? Render(IReadOnlyList<string> paths, TunnelIds ids, bool checkIds, TextWriter error)
    {
        IReadOnlyList<ManifestDocument> documents;
        ManifestSet cluster;
        try
        {
            documents = ManifestReader.ReadPaths(paths);
            cluster = new ManifestSet(documents) { TunnelIds = ids };
        }
        catch (ManifestException e)
        {
            // One line per problem, each naming its file, document, line and field.
            Fail(e.Problems.Select(p => p.ToString()), error);
            if (e.Truncated)
            {
                error.WriteLine($"cfsync render: stopped after {e.Problems.Count} problems");
            }

            return null;
        }

        var unknown = checkIds ? SuppliedTunnelIds.Check(ids.Supplied, cluster).ToList() : [];
        if (unknown.Count > 0)
        {
            Fail(unknown, error);
            return null;
        }

        return DesiredStatePlanner.Plan(documents, cluster) with { Ignored = cluster.Ignored };
    }

    // An earlier render's JSON output: a .json file holding one object with a "resources" member. Anything else
    // is read as manifests, so that their reader reports what is wrong with it.
    private static JsonObject? RenderOutput(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !File.Exists(path)
            || new FileInfo(path).Length > ManifestLimits.MaxTextLength)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { MaxDepth = ManifestLimits.MaxDepth });
            return node is JsonObject obj && obj.ContainsKey("resources") ? obj : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Print(RenderReport report, JsonNode? before, RenderFormat format, TextWriter output)
    {
        if (before is not null)
        {
            var diffs = RenderDiff.Between(before, report.ToJsonNode());
            if (format == RenderFormat.Table)
            {
                RenderDiff.WriteTable(diffs, output);
            }
            else
            {
                output.WriteLine(RenderReport.ToJson(RenderDiff.ToJson(diffs)));
            }
        }
        else if (format == RenderFormat.Table)
        {
            RenderTable.Write(report, output);
        }
        else
        {
            output.WriteLine(report.ToJson());
        }
    }

    private static int Fail(IEnumerable<string> problems, TextWriter error)
    {
        foreach (var problem in problems)
        {
            error.WriteLine($"cfsync render: {problem}");
        }

        return CfSyncCommand.UsageError;
    }
}
