using System.Text.Json.Nodes;

namespace CfSync.Functions.Tests;

/// <summary>The Functions app's build output, as the Functions host would load it.</summary>
internal static class FunctionsOutput
{
    public static string Root { get; } = FindRoot();

    // Same configuration as this test assembly: .../tests/CfSync.Functions.Tests/bin/{Configuration}/net10.0/
    public static string Directory { get; } = Path.Combine(
        Root, "src", "CfSync.Functions", "bin", new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0");

    public static JsonNode Read(string file)
    {
        var path = Path.Combine(Directory, file);
        Assert.True(File.Exists(path), $"{path} is missing: build src/CfSync.Functions first.");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

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
