namespace CfSync.Crds.Tests;

/// <summary>Finds the repository (and the shared reference folder beside it) from the test's build output.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindUp("CfSyncFunctions.sln")
        ?? throw new DirectoryNotFoundException($"No parent of '{AppContext.BaseDirectory}' holds CfSyncFunctions.sln.");

    public static string Crds => Path.Combine(Root, "infra", "crds");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The Go operator's CRDs: ../shared/reference/crds beside the clone (or in any parent).</summary>
    public static string ReferenceCrds
    {
        get
        {
            for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "reference", "crds");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"shared/reference/crds was not found in any parent of '{Root}'.");
        }
    }

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
