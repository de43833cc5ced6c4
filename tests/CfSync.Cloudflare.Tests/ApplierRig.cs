using System.Text.Json.Nodes;
using CfSync.Core.Hashing;
using CfSync.Core.Resources;
using CfSync.Sync.Activities;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CfSync.Cloudflare.Tests;

/// <summary>
/// The appliers as a host gets them (<c>AddCloudflareClient</c>), for one installation (its ownership options, see
/// <see cref="Installations"/>), against the harness's emulator. Two rigs with different owner ids are two
/// installations sharing one account.
/// </summary>
internal sealed class ApplierRig : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public ApplierRig(EdgeHarness edge, Action<CloudflareOptions>? configure = null)
    {
        Edge = edge;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(edge.Logs));
        services.AddCloudflareClient(o =>
        {
            var defaults = edge.ClientOptions();
            o.BaseUrl = defaults.BaseUrl;
            o.ApiToken = defaults.ApiToken;
            o.AttemptTimeout = defaults.AttemptTimeout;
            o.Retry = defaults.Retry;
            o.CircuitBreaker = defaults.CircuitBreaker;
            configure?.Invoke(o);
        });
        provider = services.BuildServiceProvider();
    }

    public EdgeHarness Edge { get; }

    /// <summary>The applier the engine would call for <paramref name="type"/>.</summary>
    public IResourceApplier Applier(ResourceType type) =>
        provider.GetServices<IResourceApplier>().Single(a => a.ResourceType == type);

    public Task<ApplyResult> ApplyAsync(ResourceType type, string key, JsonObject? desired, ApplyContext? context = null)
    {
        var applier = Applier(type);
        var body = desired is null ? null : new DesiredBody(CanonicalJson.ToText(desired));
        var request = new ApplyRequest(new ResourceIdentity(type, key), new ResourceScope(EdgeHarness.Account), body, null) { Context = context ?? ApplyContext.None };
        return applier.ApplyAsync(request, CancellationToken.None);
    }

    /// <summary>Write calls (anything but GET) the emulator saw after <paramref name="since"/> (a journal length).</summary>
    public IReadOnlyList<string> WritesSince(int since) =>
        [.. Edge.Journal.Skip(since).Where(e => e.Method != "GET").Select(e => $"{e.Method} {e.Path}")];

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
