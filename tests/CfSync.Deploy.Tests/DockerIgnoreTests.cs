using System.Text.RegularExpressions;

namespace CfSync.Deploy.Tests;

/// <summary>
/// .dockerignore keeps the build context to the sources: no node_modules, build output, test results or Git history,
/// and no developer settings; everything the publish commands read stays in.
/// </summary>
public sealed class DockerIgnoreTests
{
    // Patterns as BuildKit matches them (Go filepath.Match plus **), enough for the ones we write; a path is left out
    // when it or a folder above it matches.
    private static readonly Regex[] Patterns =
    [
        .. Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(p =>
            {
                Assert.False(p.StartsWith('!'), "exceptions (!) are not expected");
                return new Regex("^" + Regex.Escape(p).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
            }),
    ];

    private static bool Ignored(string path)
    {
        var parts = path.Split('/');
        return Enumerable.Range(1, parts.Length).Any(n => Patterns.Any(p => p.IsMatch(string.Join('/', parts.Take(n)))));
    }

    [Theory]
    [InlineData(".git/config")]
    [InlineData("node_modules/azurite/package.json")]
    [InlineData("src/CfSync.Functions/bin/Release/net10.0/CfSync.Functions.dll")]
    [InlineData("src/CfSync.Functions/obj/project.assets.json")]
    [InlineData("tests/CfSync.Core.Tests/CfSync.Core.Tests.csproj")]
    [InlineData("artifacts/test-results/run.trx")]
    [InlineData("local.settings.json")]
    [InlineData(".azurite/__queuestorage__")]
    public void Leaves_out(string path) => Assert.True(Ignored(path), path);

    [Fact]
    public void Keeps_everything_the_publish_commands_read()
    {
        string[] needed = ["Directory.Build.props", "Directory.Packages.props", "global.json", "host.json"];
        var sources = Directory.EnumerateFiles(Repository.PathOf("src"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
        Assert.All(needed.Concat(sources), f => Assert.False(Ignored(f), f));
    }
}
