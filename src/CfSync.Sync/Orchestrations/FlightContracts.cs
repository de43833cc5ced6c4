using System.Text.Json.Serialization;

namespace CfSync.Sync.Orchestrations;

/// <summary>The two kinds of orchestration an entity waits for, one at a time each.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlightKind>))]
public enum FlightKind
{
    Sync,
    Mirror,
}

/// <summary>
/// Asks what became of an orchestration whose outcome did not arrive within its lease. With <see cref="Terminate"/>
/// an instance still running is terminated: it has outlived every bound its own schedule allows.
/// </summary>
public sealed record FlightInspectionRequest(string EntityKey, string InstanceId, FlightKind Kind, bool Terminate);

/// <summary>Where an orchestration stands, as far as the entity needs to know.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlightState>))]
public enum FlightState
{
    /// <summary>Pending or running: its outcome may still come.</summary>
    Running,

    /// <summary>Completed; for a sync, <see cref="FlightInspection.Outcome"/> is its outcome.</summary>
    Completed,

    /// <summary>Failed, terminated, or never found: no outcome will come.</summary>
    Ended,

    /// <summary>The inspection itself failed; the entity asks again later.</summary>
    Unknown,
}

public sealed record FlightInspection(string InstanceId, FlightKind Kind, FlightState State, string? Detail, SyncOutcome? Outcome = null);
