using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CfSync.Deploy.Tests;

/// <summary>
/// Runs the Dockerfile's <c>dotnet publish</c> commands (build stage) as they are, each once per test run, into a
/// temporary folder instead of the image's <c>/out/...</c>, and deleted afterwards. No Docker engine runs here: this is
/// what the images copy, produced by the same commands.
/// </summary>
public sealed partial class PublishedApps : IDisposable
{
    // A publish restores and builds the project graph; on a loaded 2-core machine that takes minutes, not hours.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    private readonly string _root = Directory.CreateTempSubdirectory("cfsync-publish-").FullName;
    private readonly Dictionary<string, Lazy<Task<string>>> _byImagePath;

    public PublishedApps()
    {
        _byImagePath = PublishCommands().ToDictionary(c => c.Output, c => new Lazy<Task<string>>(() => PublishAsync(c.Arguments, c.Output)));
    }

    internal static Stage Build => Dockerfile.Parse(Repository.Read("Dockerfile")).Single(s => s.Name == "build");

    /// <summary>Each <c>RUN ... dotnet publish ... -o {Output}</c> of the build stage, its arguments after <c>dotnet</c>.</summary>
    internal static IReadOnlyList<(IReadOnlyList<string> Arguments, string Output)> PublishCommands() =>
    [
        .. Build.Arguments("RUN").Select(run => PublishCommand().Match(run)).Where(m => m.Success).Select(m =>
        {
            var arguments = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var output = arguments.SkipWhile(a => a != "-o").Skip(1).First();
            return ((IReadOnlyList<string>)arguments, output);
        }),
    ];

    /// <summary>The local folder holding what the build stage publishes to <paramref name="imagePath"/>.</summary>
    public Task<string> OutputAsync(string imagePath) =>
        _byImagePath.TryGetValue(imagePath, out var publish)
            ? publish.Value
            : throw new InvalidOperationException($"The build stage publishes nothing to {imagePath}.");

    /// <summary>functions.metadata of the published Functions app: every function the host indexes, with its bindings.</summary>
    public async Task<JsonArray> FunctionsMetadataAsync()
    {
        var functions = await OutputAsync(DockerImages.FunctionsPublishPath).ConfigureAwait(false);
        return JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(functions, "functions.metadata")).ConfigureAwait(false))!.AsArray();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<string> PublishAsync(IReadOnlyList<string> arguments, string imagePath)
    {
        var output = Path.Combine(_root, imagePath.TrimStart('/'));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument == imagePath ? output : argument);
        }

        // Not in the Dockerfile: a build container ends with its build, but here a lingering MSBuild node has hung builds.
        start.ArgumentList.Add("-nodeReuse:false");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not end within {PublishTimeout}.");
        }

        var log = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{string.Join('\n', log.Split('\n').TakeLast(30))}");
        return output;
    }

    [GeneratedRegex(@"^(?:--\S+\s+)*dotnet\s+(publish\s.*)$")]
    private static partial Regex PublishCommand();
}

[CollectionDefinition(Name)]
public sealed class PublishedAppsDefinition : ICollectionFixture<PublishedApps>
{
    public const string Name = "Published apps";
}
