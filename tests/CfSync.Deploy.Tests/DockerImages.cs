namespace CfSync.Deploy.Tests;

/// <summary>The Dockerfile's stages by name, and what each runtime image copies from the build stage.</summary>
internal static class DockerImages
{
    public static IReadOnlyList<Stage> Stages { get; } = Dockerfile.Parse(Repository.Read("Dockerfile"));

    public static Stage Stage(string name) => Stages.Single(s => s.Name == name);

    /// <summary>The build stage's output the image copies (one COPY --from=build per runtime image).</summary>
    public static (string Source, string Destination) Published(string stage) =>
        Stage(stage).CopiesFromStages().Where(c => c.From == "build").Select(c => (c.Source, c.Destination)).Single();

    public static string FunctionsPublishPath => Published("functions").Source;
}
