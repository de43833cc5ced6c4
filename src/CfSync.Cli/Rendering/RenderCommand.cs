using CfSync.Translation.Manifests;

namespace CfSync.Cli.Rendering;

/// <summary><c>cfsync render</c>: manifests in, the desired Cloudflare state out.</summary>
internal static class RenderCommand
{
    public static int Run(RenderArguments arguments, TextWriter output, TextWriter error)
    {
        IReadOnlyList<ManifestDocument> documents;
        ManifestSet cluster;
        try
        {
            documents = ManifestReader.ReadPaths(arguments.Paths);
            cluster = new ManifestSet(documents);
        }
        catch (ManifestException e)
        {
            // One line per problem, each naming its file, document, line and field.
            foreach (var problem in e.Problems)
            {
                error.WriteLine($"cfsync render: {problem}");
            }

            if (e.Truncated)
            {
                error.WriteLine($"cfsync render: stopped after {e.Problems.Count} problems");
            }

            return CfSyncCommand.UsageError;
        }

        var report = DesiredStatePlanner.Plan(documents, cluster);
        output.WriteLine(report.ToJson());
        return report.AllAccepted ? 0 : 1;
    }
}
