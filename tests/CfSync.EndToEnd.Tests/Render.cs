using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfSync.EndToEnd.Tests;

/// <summary>A tunnel configuration as `cfsync render` prints it: the body Cloudflare must receive and its hash.</summary>
internal sealed record RenderedTunnel(string TunnelId, string Body, string ConfigHash);

/// <summary>
/// What the engine must end with: the real CLI (`dotnet cfsync.dll render DIR`, copied here by the project
/// reference), as scripts/run-local.sh runs it, not a second implementation of the planner.
/// </summary>
internal static class Render
{
    // JSON.stringify's escaping, as run-local.sh compares: the render prints the desired body as a JSON value.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The tunnels with an id (not <c>pending:</c>) the render of <paramref name="folder"/> configures.</summary>
    public static async Task<IReadOnlyList<RenderedTunnel>> TunnelsAsync(string folder) =>
        [.. (await ResourcesAsync(folder))
            .Where(r => (string?)r["resourceType"] == "TunnelConfiguration")
            .Select(r => new RenderedTunnel((string)r["cloudflareId"]!, r["desired"]!.ToJsonString(Compact), (string)r["configHash"]!))];

    /// <summary>Every resource with an id (not <c>pending:</c>) and a body the render of <paramref name="folder"/> names.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ResourcesAsync(string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "cfsync.dll"), "render", folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var cli = Process.Start(start)!;
        var output = cli.StandardOutput.ReadToEndAsync();
        var errors = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        // Exit 1 only says some source is rejected; the render is still printed.
        Assert.True(cli.ExitCode <= 1, $"cfsync render {folder} exited {cli.ExitCode}: {await errors}");
        var rendered = JsonNode.Parse(await output)!;
        return [.. rendered["resources"]!.AsArray()
            .Select(r => r!.AsObject())
            .Where(r => !((string)r["cloudflareId"]!).StartsWith("pending:", StringComparison.Ordinal) && r["configHash"] is not null)];
    }
}
