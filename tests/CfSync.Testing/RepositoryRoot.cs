namespace CfSync.Testing;

/// <summary>The checkout a test runs from: the folder of CfSyncFunctions.sln above the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CfSyncFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CfSyncFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
