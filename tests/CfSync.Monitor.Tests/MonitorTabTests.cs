using System.Net;
using System.Text.Json.Nodes;
using CfSync.Sync.Sources;
using Newtonsoft.Json;

namespace CfSync.Monitor.Tests;

/// <summary>
/// The CfSync tabs of the Durable Functions Monitor, rendered the way the Monitor renders them, over the states a real
/// engine run stored: what a person needs at a glance must be on the page, and the page must show in a browser.
/// </summary>
public sealed class MonitorTabTests(EngineStates states) : IClassFixture<EngineStates>
{
    private static readonly MonitorTab ResourceTab = new(Path.Combine(MonitorTab.TemplatesFolder, "CfSync.cloudflareresource.liquid"));

    private static readonly MonitorTab SourceTab = new(Path.Combine(MonitorTab.TemplatesFolder, "CfSync.kubernetessource.liquid"));

    public static TheoryData<DateParseHandling> Backends => new() { DateParseHandling.DateTime, DateParseHandling.None };

    /// <summary>The page's table row that names <paramref name="key"/>, as text.</summary>
    private static string RowOf(string html, string key) =>
        html.Split("<tr>").SingleOrDefault(row => row.Contains($"<code>{key}</code>", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No row names {key}.");

    [Fact]
    public void The_templates_are_named_as_the_Monitor_finds_them_for_our_entities()
    {
        Assert.Equal(("CfSync", Sync.Entities.ResourceEntityKey.EntityName), ResourceTab.Names);
        Assert.Equal(("CfSync", SourceClient.EntityName), SourceTab.Names);
        Assert.Equal(
            ["CfSync.cloudflareresource.liquid", "CfSync.kubernetessource.liquid"],
            Directory.GetFiles(MonitorTab.TemplatesFolder).Select(Path.GetFileName).Order());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void The_resource_tab_shows_each_source_with_its_status_reasons_and_warnings_and_the_hashes(DateParseHandling dates)
    {
        var html = WebUtility.HtmlDecode(ResourceTab.Render(EngineStates.ResourceEntity(states.TunnelId).ToString(), states.ResourceInput, dates));

        Assert.Contains("TunnelConfiguration <code>" + states.TunnelId + "</code> <span class=\"badge Synced\">Synced</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Sources (4)</h2>", html, StringComparison.Ordinal);
        var expected = new[]
        {
            ("ClusterTunnel/edge", "Accepted"), (EngineStates.Shop.Key, "Accepted"), (EngineStates.Rival.Key, "Conflict"), (EngineStates.Broken.Key, "Rejected"),
        };
        foreach (var (key, status) in expected)
        {
            Assert.Equal(status, states.Resource.Sources[key].Status.ToString());
            Assert.Contains($">{status}</span>", RowOf(html, key), StringComparison.Ordinal);
        }

        Assert.Contains(EngineStates.Warning, RowOf(html, EngineStates.Shop.Key), StringComparison.Ordinal);
        Assert.Contains(EngineStates.RejectedReason, RowOf(html, EngineStates.Broken.Key), StringComparison.Ordinal);
        Assert.Contains(states.Resource.Sources[EngineStates.Rival.Key].Reasons.Single(), RowOf(html, EngineStates.Rival.Key), StringComparison.Ordinal);

        var hash = states.Resource.ConfigHash!;
        Assert.Equal(hash, states.Resource.LastAppliedHash);
        Assert.Contains($"Aggregate hash</td><td><code>{hash}</code>", html, StringComparison.Ordinal);
        Assert.Contains($"Applied hash</td><td><code>{hash}</code> <span class=\"badge Synced\">= aggregate</span>", html, StringComparison.Ordinal);
        Assert.Contains($"{states.Resource.LastSyncTime!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}", html, StringComparison.Ordinal);
        Assert.Contains("<td>1</td><td>shop.example.com</td><td></td><td><code>http://web.shop.svc:80</code>", html, StringComparison.Ordinal);
        Assert.Contains("\"warp-routing\": {", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Liquid error", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_failed_sync_shows_its_error_first(DateParseHandling dates)
    {
        var html = WebUtility.HtmlDecode(ResourceTab.Render(EngineStates.ResourceEntity(states.MissingTunnelId).ToString(), states.FailedInput, dates));

        Assert.False(string.IsNullOrEmpty(states.Failed.LastError));
        Assert.Contains("<span class=\"badge Failed\">Failed</span>", html, StringComparison.Ordinal);
        var error = html.IndexOf("<div class=\"error\">" + states.Failed.LastError, StringComparison.Ordinal);
        Assert.True(error > 0 && error < html.IndexOf("<h2>Sync</h2>", StringComparison.Ordinal), "The error is not shown above the sync's facts.");
        Assert.Contains($"{states.Failed.NextRetryAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Sources (1)</h2>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void The_source_tab_shows_what_the_source_feeds_and_the_hash_it_sent(DateParseHandling dates)
    {
        var html = WebUtility.HtmlDecode(SourceTab.Render(SourceClient.EntityOf(EngineStates.Shop).ToString(), states.SourceInput, dates));

        var resourceKey = EngineStates.ResourceEntity(states.TunnelId).Key;
        var stored = JsonNode.Parse(JsonNode.Parse(states.SourceInput)!["state"]!.GetValue<string>())!;
        var sentHash = (string)stored["Fed"]![resourceKey]!["Hash"]!;
        Assert.Contains("Ingress <code>shop/shop</code>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Cloudflare resources it feeds (1)</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<code>{sentHash}</code>", RowOf(html, resourceKey), StringComparison.Ordinal);
        Assert.Contains(">fragment</span>", RowOf(html, resourceKey), StringComparison.Ordinal);
        Assert.Contains("<code>uid-shop</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resource_tab_shows_in_headless_chromium_with_its_status_colours()
    {
        var pixels = await ScreenshotAsync("monitor-tab", ResourceTab.Render(EngineStates.ResourceEntity(states.TunnelId).ToString(), states.ResourceInput, DateParseHandling.DateTime));

        // The status badges' fills (the template's CSS): Synced and Accepted green, Conflict orange, Rejected red.
        foreach (var (status, colour) in new[] { ("Synced/Accepted", Green), ("Conflict", (0xbc, 0x4c, 0x00)), ("Rejected", (0xcf, 0x22, 0x2e)) })
        {
            Assert.True(pixels.Count(p => Near(p, colour)) > 100, $"No {status} badge in the screenshot.");
        }
    }

    [Fact]
    public async Task The_source_tab_shows_in_headless_chromium()
    {
        var pixels = await ScreenshotAsync("monitor-source-tab", SourceTab.Render(SourceClient.EntityOf(EngineStates.Shop).ToString(), states.SourceInput, DateParseHandling.DateTime));

        Assert.True(pixels.Count(p => Near(p, Green)) > 100, "No badge for the fragment it sent in the screenshot.");
    }

    private static readonly (int R, int G, int B) Green = (0x1a, 0x7f, 0x37);

    private static bool Near((byte R, byte G, byte B) pixel, (int R, int G, int B) colour) =>
        Math.Abs(pixel.R - colour.R) <= 6 && Math.Abs(pixel.G - colour.G) <= 6 && Math.Abs(pixel.B - colour.B) <= 6;

    /// <summary>Screenshots the page (kept in the test's output folder with its PNG) and checks it is not blank.</summary>
    private static async Task<List<(byte R, byte G, byte B)>> ScreenshotAsync(string name, string html)
    {
        var page = Path.Combine(AppContext.BaseDirectory, name + ".html");
        await File.WriteAllTextAsync(page, html);
        var png = await HeadlessChromium.ScreenshotAsync(page, 1280, 1100);
        await File.WriteAllBytesAsync(Path.ChangeExtension(page, ".png"), png);
        var image = PngImage.Decode(png);

        Assert.Equal((1280, 1100), (image.Width, image.Height));
        var pixels = image.Pixels().ToList();
        var inked = pixels.Count(p => p.R < 235 || p.G < 235 || p.B < 235);
        Assert.True(inked > pixels.Count / 100, $"The screenshot of {name} is nearly blank: {inked} of {pixels.Count} pixels are not white.");
        return pixels;
    }
}
