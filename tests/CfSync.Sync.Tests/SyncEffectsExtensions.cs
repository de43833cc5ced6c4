using CfSync.Sync.Entities;
using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Tests;

internal static class SyncEffectsExtensions
{
    extension(SyncEffects effects)
    {
        /// <summary>The sync orchestration the effects start, if any (one sync is in flight at a time).</summary>
        public (string InstanceId, SyncRequest Request)? Sync =>
            effects.Starts.LastOrDefault(s => s.Input is SyncRequest) is { } start ? (start.InstanceId, (SyncRequest)start.Input) : null;
    }
}
