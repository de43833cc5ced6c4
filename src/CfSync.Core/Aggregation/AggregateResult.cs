using System.Text.Json.Serialization;
using CfSync.Core.Hashing;
using CfSync.Core.Sources;

namespace CfSync.Core.Aggregation;

/// <summary>What happened to one source's fragment in the aggregate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceStatus>))]
public enum SourceStatus
{
    /// <summary>Everything the source contributed is in the aggregate.</summary>
    Accepted,

    /// <summary>The fragment is invalid and left out; the reasons name the field.</summary>
    Rejected,

    /// <summary>Another source won something this one also claimed; the reasons name the winner.</summary>
    Conflict,
}

/// <summary>
/// What became of one source: its status and the reasons for it, and warnings: what CfSync did that the user may not
/// expect (an assumption made, a field read but not applied). Warnings never change the status.
/// </summary>
public sealed record SourceOutcome(Source Source, SourceStatus Status, IReadOnlyList<string> Reasons)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static SourceOutcome Accepted(Source source) => new(source, SourceStatus.Accepted, []);
}

/// <summary>
/// The aggregate of every fragment of one resource: the exact request body to send (canonical JSON),
/// its hash, and each source's outcome in source-key order. A 1:1 resource with no valid source has no body.
/// </summary>
public sealed record AggregateResult(DesiredBody? Desired, string? ConfigHash, IReadOnlyList<SourceOutcome> Sources);
