using System.Text.Json.Nodes;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;
using Microsoft.Extensions.DependencyInjection;

namespace CfSync.Cloudflare.Tests;

/// <summary>
/// The appliers as a host gets them (<c>AddCloudflareClient</c>), for one installation (owner id), against the
/// harness's emulator. Two rigs with different owner ids are two installations sharing one account.
/// </summary>
internal sealed class ApplierRig : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public ApplierRig(EdgeHarness edge, string ownerId = "cfsync")
    {
        Edge = edge;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCloudflareClient(o =>
        {
            var defaults = edge.ClientOptions();
            o.BaseUrl = defaults.BaseUrl;
            o.ApiToken = defaults.ApiToken;
            o.AttemptTimeout = defaults.AttemptTimeout;
            o.Retry.BaseDelay = defaults.Retry.BaseDelay;
            o.Retry.MaxDelay = defaults.Retry.MaxDelay;
            o.CircuitBreaker.MinimumThroughput = defaults.CircuitBreaker.MinimumThroughput;
            o.Ownership.OwnerId = ownerId;
        });
        provider = services.BuildServiceProvider();
    }

    public EdgeHarness Edge { get; }

    public Task<ApplyResult> ApplyAsync(ResourceType type, string key, JsonObject? desired, ApplyContext? context = null)
    {
        var applier = provider.GetServices<IResourceApplier>().Single(a => a.ResourceType == type);
        var body = desired is null ? null : new DesiredBody(CanonicalJson.ToText(desired));
        var request = new ApplyRequest(new ResourceIdentity(type, key), new ResourceScope(EdgeHarness.Account), body, null) { Context = context ?? ApplyContext.None };
        return applier.ApplyAsync(request, CancellationToken.None);
    }

    /// <summary>Write calls (anything but GET) the emulator saw after <paramref name="since"/> (a journal length).</summary>
    public IReadOnlyList<string> WritesSince(int since) =>
        [.. Edge.Journal.Skip(since).Where(e => e.Method != "GET").Select(e => $"{e.Method} {e.Path}")];

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
