namespace CfSync.Crds.Tests;

/// <summary>Finds the repository from the test's build output.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindUp("CfSyncFunctions.sln")
        ?? throw new DirectoryNotFoundException($"No parent of '{AppContext.BaseDirectory}' holds CfSyncFunctions.sln.");

    public static string Crds => Path.Combine(Root, "infra", "crds");

    public static string Samples => Path.Combine(Root, "samples");

    private static string? FindUp(string marker)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
