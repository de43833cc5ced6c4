using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CfSync.Deploy.Tests;

/// <summary>
/// The Dockerfile as written (no Docker engine runs here): its stages and base images, what each image copies from
/// the publish commands (run for real by <see cref="PublishedApps"/>), its user, and that nothing secret is baked in.
/// </summary>
[Collection(PublishedAppsDefinition.Name)]
public sealed partial class DockerfileTests(PublishedApps published)
{
    // The .NET images' non-root `app` user; the pods run as the same id (infra/base/restricted.yaml).
    private const string AppUser = "1654:1654";

    [Fact]
    public void The_stages_build_on_the_sdk_and_run_on_the_images_each_program_needs()
    {
        Assert.Equal(
            [
                ("build", "mcr.microsoft.com/dotnet/sdk:10.0"),
                ("functions", "mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0"),
                ("bridge", "mcr.microsoft.com/dotnet/aspnet:10.0"),
                ("cli", "mcr.microsoft.com/dotnet/runtime:10.0"),
            ],
            DockerImages.Stages.Select(s => (s.Name, s.Image)));
    }

    [Theory]
    [InlineData("functions")]
    [InlineData("bridge")]
    [InlineData("cli")]
    public void Every_image_runs_as_the_non_root_app_user(string stage) =>
        Assert.Equal(AppUser, DockerImages.Stage(stage).User);

    [Fact]
    public void The_functions_image_serves_the_app_from_wwwroot_on_8080_with_console_logs()
    {
        var stage = DockerImages.Stage("functions");
        var env = stage.Environment();
        Assert.Equal("/home/site/wwwroot", DockerImages.Published("functions").Destination);
        Assert.Equal("/home/site/wwwroot", env["AzureWebJobsScriptRoot"]);
        Assert.Equal("true", env["AzureFunctionsJobHost__Logging__Console__IsEnabled"]);
        Assert.Equal("http://+:8080", env["ASPNETCORE_URLS"]);
        Assert.Contains("8080", stage.Arguments("EXPOSE"));
    }

    [Fact]
    public void The_bridge_image_listens_on_every_interface_and_starts_the_bridge()
    {
        var stage = DockerImages.Stage("bridge");
        Assert.Equal("0.0.0.0", stage.Environment()["CfSync__Bridge__ListenAddress"]);
        Assert.Contains("8080", stage.Arguments("EXPOSE"));
        Assert.Equal("""["dotnet", "/app/CfSync.Bridge.dll"]""", stage.Arguments("ENTRYPOINT").Single());
        Assert.Equal("/app", stage.Arguments("WORKDIR").Single());
    }

    [Fact]
    public void No_stage_sets_a_secret()
    {
        var names = DockerImages.Stages.SelectMany(s => s.Environment().Keys.Concat(s.Arguments("ARG").Select(a => a.Split('=')[0])));
        Assert.DoesNotContain(names, n => SecretName().IsMatch(n));
    }

    [Fact]
    public void The_build_stage_publishes_each_program_once()
    {
        var projects = PublishedApps.PublishCommands().Select(c => c.Arguments[1]).ToList();
        Assert.Equal(["src/CfSync.Functions/CfSync.Functions.csproj", "src/CfSync.Bridge/CfSync.Bridge.csproj", "src/CfSync.Cli/CfSync.Cli.csproj"], projects);
        Assert.All(PublishedApps.PublishCommands(), c => Assert.Equal(["-c", "Release"], c.Arguments.Skip(2).Take(2)));
    }

    [Fact]
    public async Task The_published_functions_app_is_what_the_host_loads()
    {
        var output = await published.OutputAsync(DockerImages.FunctionsPublishPath);
        var functions = await published.FunctionsMetadataAsync();
        Assert.NotEmpty(functions);
        Assert.True(File.Exists(Path.Combine(output, "CfSync.Functions.dll")));
        Assert.True(File.Exists(Path.Combine(output, "extensions.json")));

        // The host starts the worker named in worker.config.json, and reads the task hub from host.json.
        var worker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "worker.config.json")))!;
        Assert.Equal("CfSync.Functions.dll", (string?)worker["description"]!["defaultWorkerPath"]);
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "host.json")))!;
        Assert.Equal(Repository.HubName, (string?)hostJson["extensions"]!["durableTask"]!["hubName"]);

        // A developer's settings (with their token) never reach the image.
        Assert.False(File.Exists(Path.Combine(output, "local.settings.json")));
    }

    [Theory]
    [InlineData("bridge", "CfSync.Bridge")]
    [InlineData("cli", "cfsync")]
    public async Task The_published_program_is_the_entry_point_and_needs_only_the_base_images_runtime(string stage, string assembly)
    {
        var (source, destination) = DockerImages.Published(stage);
        var output = await published.OutputAsync(source);
        Assert.Equal($"""["dotnet", "{destination}/{assembly}.dll"]""", DockerImages.Stage(stage).Arguments("ENTRYPOINT").Single());
        Assert.True(File.Exists(Path.Combine(output, $"{assembly}.dll")));

        // The runtime image carries .NET only, the aspnet image ASP.NET Core too: each program asks for no more than its image has.
        var options = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, $"{assembly}.runtimeconfig.json")))!["runtimeOptions"]!;
        var frameworks = options["frameworks"] is JsonArray many ? many.Select(f => (string)f!["name"]!) : [(string)options["framework"]!["name"]!];
        Assert.Subset(ImageFrameworks[DockerImages.Stage(stage).Image], frameworks.ToHashSet());
    }

    private static readonly Dictionary<string, HashSet<string>> ImageFrameworks = new()
    {
        ["mcr.microsoft.com/dotnet/aspnet:10.0"] = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"],
        ["mcr.microsoft.com/dotnet/runtime:10.0"] = ["Microsoft.NETCore.App"],
    };

    [GeneratedRegex("token|secret|password|key|connection|AzureWebJobsStorage", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
