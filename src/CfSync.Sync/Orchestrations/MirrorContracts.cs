using CfSync.Sync.Status;

namespace CfSync.Sync.Orchestrations;

/// <summary>What an entity asks its mirror orchestration to write: the latest outcome, as the entity holds it.</summary>
public sealed record MirrorRequest(string EntityKey, SyncStatusReport Report);

/// <summary>Reported back to the entity when a mirror orchestration ends.</summary>
public sealed record MirrorOutcome(string InstanceId, bool Succeeded, string? Error);
