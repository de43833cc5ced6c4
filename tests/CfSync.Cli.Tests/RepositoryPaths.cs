namespace CfSync.Cli.Tests;

/// <summary>Finds files of this repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples(params string[] parts) => Path.Combine([Root, "samples", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CfSyncFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CfSyncFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
