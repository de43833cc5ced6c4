using CfSync.Sync.Orchestrations;

namespace CfSync.Sync.Entities;

/// <summary>
/// Leases on the orchestrations an entity waits for. When a flight's outcome has not arrived by its lease, the entity
/// asks what became of it (through <see cref="InspectFlightOrchestration"/>) and recovers: still running, the lease is
/// extended; completed, its outcome is taken; failed, terminated or missing, the entity forgets it and starts again.
/// A flight that outlives twice its lease is terminated by the inspection. Nothing waits forever.
/// </summary>
public sealed class FlightRecovery(SyncOptions options, ResourceSyncMachine machine)
{
    public SyncEffects Check(ResourceSyncState state, string entityKey, FlightCheck check, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(check);
        var effects = new SyncEffects();
        if (Find(state, check.InstanceId) is not { } found || found.Flight.Checks != check.Checks)
        {
            return effects; // the flight ended, or a newer check replaced this one
        }

        var (flight, kind) = found;
        var next = Replace(state, kind, flight with { Checks = flight.Checks + 1 });
        var terminate = now > flight.StartedAt + (2 * LeaseOf(kind));
        effects.Start(
            nameof(InspectFlightOrchestration),
            $"{entityKey}:inspect:{++state.InspectionCount}",
            new FlightInspectionRequest(entityKey, flight.InstanceId, kind, terminate));

        // Should the inspection itself be lost, this check asks again.
        effects.Schedule(nameof(CloudflareResourceEntity.CheckFlight), new FlightCheck(flight.InstanceId, next.Checks), now + options.InspectionLease);
        return effects;
    }

    public SyncEffects Inspected(ResourceSyncState state, string entityKey, FlightInspection inspection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(inspection);
        if (Find(state, inspection.InstanceId) is not { } found)
        {
            return new SyncEffects();
        }

        var (flight, kind) = found;
        switch (inspection.State)
        {
            case FlightState.Running:
                var extended = Replace(state, kind, flight with { Checks = flight.Checks + 1, LeaseUntil = now + LeaseOf(kind) });
                var effects = new SyncEffects();
                effects.Schedule(nameof(CloudflareResourceEntity.CheckFlight), new FlightCheck(flight.InstanceId, extended.Checks), extended.LeaseUntil);
                return effects;
            case FlightState.Completed when inspection.Outcome is { } outcome:
                return machine.Complete(state, entityKey, outcome, now);
            case FlightState.Completed or FlightState.Ended:
                var detail = $"{kind} orchestration {flight.InstanceId} ended without reporting its outcome ({inspection.Detail})";
                return kind == FlightKind.Sync
                    ? machine.Abandon(state, entityKey, flight.InstanceId, $"{detail}; syncing again", now)
                    : machine.Mirror.Abandon(state, flight.InstanceId, detail, now);
            default:
                return new SyncEffects(); // the inspection failed; the pending check asks again
        }
    }

    private TimeSpan LeaseOf(FlightKind kind) => kind == FlightKind.Sync ? options.SyncLease : options.MirrorLease;

    private static (Flight Flight, FlightKind Kind)? Find(ResourceSyncState state, string instanceId) =>
        state.InFlight?.InstanceId == instanceId ? (state.InFlight, FlightKind.Sync)
        : state.Mirror.InFlight?.InstanceId == instanceId ? (state.Mirror.InFlight, FlightKind.Mirror)
        : null;

    private static Flight Replace(ResourceSyncState state, FlightKind kind, Flight flight)
    {
        if (kind == FlightKind.Sync)
        {
            state.InFlight = flight;
        }
        else
        {
            state.Mirror.InFlight = flight;
        }

        return flight;
    }
}
