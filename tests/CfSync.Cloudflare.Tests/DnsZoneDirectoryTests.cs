using CfSync.Cloudflare.Dns;
using CfSync.Cloudflare.Emulator.Control;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CfSync.Cloudflare.Tests;

/// <summary>The account's zones: longest suffix on label boundaries, cached, an unknown name refreshing at most once a minute.</summary>
public sealed class DnsZoneDirectoryTests
{
    [Fact]
    public async Task Longest_suffix_on_label_boundaries_from_a_cache_that_a_miss_refreshes_at_most_once_a_minute()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.Emulator.Seed(new EmulatorSeed { Zones = [new SeedZone(DnsInstallation.OtherZoneId, "dev.example.com", EdgeHarness.Account)] });
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var directory = new ZoneDirectory(Options.Create(edge.ClientOptions()), time, NullLogger<ZoneDirectory>.Instance);
        int ZoneCalls() => edge.Journal.Count(e => e.Path == "/zones");

        Assert.Equal("dev.example.com", (await Find("a.b.dev.example.com"))?.Name);
        Assert.Equal("example.com", (await Find("Www.Example.COM."))?.Name);
        Assert.Equal("example.com", (await Find("example.com"))?.Name);
        Assert.Equal(1, ZoneCalls());

        // badexample.com is not in example.com; the miss reads the list once, the next miss within a minute does not.
        Assert.Null(await Find("shop.badexample.com"));
        Assert.Equal(2, ZoneCalls());
        edge.Emulator.Seed(new EmulatorSeed { Zones = [new SeedZone("5f2ab6e3ad1b4c0fb8ce0d2e3f4a5b6c", "badexample.com", EdgeHarness.Account)] });
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await Find("shop.badexample.com"));
        Assert.Equal(2, ZoneCalls());
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("badexample.com", (await Find("shop.badexample.com"))?.Name);
        Assert.Equal(3, ZoneCalls());

        // A hit reads nothing until the cache's time is up (5 minutes by default).
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("example.com", (await Find("www.example.com"))?.Name);
        Assert.Equal(3, ZoneCalls());
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("example.com", (await Find("www.example.com"))?.Name);
        Assert.Equal(4, ZoneCalls());

        Task<Models.CloudflareZone?> Find(string name) => directory.FindAsync(edge.Client, EdgeHarness.Account, name, CancellationToken.None);
    }
}
