namespace CfSync.EndToEnd.Tests;

/// <summary>samples/cluster written to the cluster object by object, as `kubectl apply -f samples/cluster` does.</summary>
public sealed class SamplesTests : LoopTest
{
    [Fact]
    public async Task Applying_the_samples_leaves_every_tunnel_holding_the_render_byte_for_byte_and_Synced()
    {
        await ApplySamplesAsync();

        var tunnels = await CloudflareHoldsTheRenderAsync();

        Assert.Equal([TeamA, Edge], tunnels.Select(t => t.TunnelId).Order(StringComparer.Ordinal));
        Assert.Empty(await Loop.PoisonedAsync());
    }
}
