using CfSync.Core.Resources;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Tests;

public sealed class ResourceEntityKeyTests
{
    [Theory]
    [InlineData(ResourceType.TunnelConfiguration, "6ff42ae2-765d-4adf-8112-31c55c1551ef", "TunnelConfiguration:6ff42ae2-765d-4adf-8112-31c55c1551ef")]
    [InlineData(ResourceType.NetworkRoute, "10.0.0.0/8@prod", "NetworkRoute:10.0.0.0%2F8@prod")]
    [InlineData(ResourceType.AccessApplication, "app.example.com/admin?x#y%", "AccessApplication:app.example.com%2Fadmin%3Fx%23y%25")]
    public void Keys_are_readable_storage_safe_and_reversible(ResourceType type, string id, string key)
    {
        var resource = new ResourceIdentity(type, id);
        Assert.Equal(key, ResourceEntityKey.Format(resource));
        Assert.Equal(resource, ResourceEntityKey.Parse(key));
    }

    [Theory]
    [InlineData("nocolon")]
    [InlineData("Bogus:x")]
    public void Malformed_keys_are_refused(string key) => Assert.Throws<FormatException>(() => ResourceEntityKey.Parse(key));

    [Theory]
    [InlineData("tunnelconfiguration", "abc%2Fdef", true, "abc/def")]
    [InlineData("DNSRecord", "CNAME:app.example.com", true, "CNAME:app.example.com")]
    [InlineData("Tunnel", "x", false, "")]
    [InlineData("3", "x", false, "")]
    public void Http_routes_name_a_resource(string type, string id, bool valid, string expectedId)
    {
        Assert.Equal(valid, CfSync.Sync.Client.ResourceRoute.TryParse(type, id, out var resource, out var problem));
        Assert.Equal(valid, problem.Length == 0);
        if (valid)
        {
            Assert.Equal(expectedId, resource.CloudflareId);
        }
    }

    [Fact]
    public void Retry_delays_grow_exponentially_and_are_capped()
    {
        var schedule = new RetrySchedule(6, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.Zero);
        Assert.Equal([2, 4, 8, 10, 10], Enumerable.Range(1, 5).Select(a => schedule.DelayAfter(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(34), schedule.TotalDelay);
    }

    [Fact]
    public void Options_validation_refuses_a_max_wait_shorter_than_the_quiet_window()
    {
        var result = new SyncOptionsValidator().Validate(null, new SyncOptions { DebounceQuietWindow = TimeSpan.FromSeconds(5), DebounceMaxWait = TimeSpan.FromSeconds(1) });
        Assert.True(result.Failed);
    }
}
