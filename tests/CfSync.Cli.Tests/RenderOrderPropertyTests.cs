using CfSync.Cli.Rendering;
using CfSync.Translation.Manifests;
using CsCheck;

namespace CfSync.Cli.Tests;

/// <summary>
/// Render is a function of the manifests, not of their order (issue 9): files and documents come in whatever order a
/// repository or a folder listing gives, and a pull request that only moves objects between files must not change it.
/// </summary>
public sealed class RenderOrderPropertyTests
{
    private static readonly IReadOnlyList<ManifestDocument> Samples =
        ManifestReader.ReadPaths([RepositoryPaths.Samples("cluster"), RepositoryPaths.Samples("problems")]);

    private static string Render(IReadOnlyList<ManifestDocument> documents) =>
        DesiredStatePlanner.Plan(documents, new ManifestSet(documents)).ToJson();

    [Fact]
    public void Any_order_of_the_samples_renders_the_same_bodies_hashes_statuses_and_reasons()
    {
        var expected = Render(Samples);
        Gen.Int.Sample(seed =>
        {
            var shuffled = Samples.ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(expected, Render(shuffled));
        }, iter: 200);
    }
}
