using CfSync.Hosting.Dtfx;
using CfSync.Sync.Activities;
using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;

namespace CfSync.LocalHost;

/// <summary>The engine's SDK classes under the same names the Functions app gives its triggers.</summary>
public static class SyncEngineTasks
{
    public static DtfxTaskRegistry Register(DtfxTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddEntity<CloudflareResourceEntity>(ResourceEntityKey.EntityName)
            .AddOrchestrator<SyncResourceOrchestration>()
            .AddOrchestrator<MirrorStatusOrchestration>()
            .AddOrchestrator<InspectFlightOrchestration>()
            .AddActivity<ApplyToCloudflareActivity>()
            .AddActivity<MirrorStatusActivity>()
            .AddActivity<InspectFlightActivity>();
    }
}
