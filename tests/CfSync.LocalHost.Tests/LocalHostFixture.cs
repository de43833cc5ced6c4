namespace CfSync.LocalHost.Tests;

/// <summary>One running local host per test class (IClassFixture).</summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public LocalHostRig Rig { get; private set; } = null!;

    public async Task InitializeAsync() => Rig = await LocalHostRig.StartAsync();

    public async Task DisposeAsync() => await Rig.DisposeAsync();
}
