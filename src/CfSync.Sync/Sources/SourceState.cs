using System.Text.Json.Serialization;
using CfSync.Core.Resources;
using CfSync.Core.Sources;

namespace CfSync.Sync.Sources;

/// <summary>
/// The state of one Kubernetes source's entity, shaped to be read in the Durable Functions Monitor: the incarnation and
/// delivery it last applied, every Cloudflare resource it feeds with a hash of what it sent, why it could not be
/// resolved, and the tombstone of the last incarnation deleted.
/// </summary>
public sealed class SourceState
{
    public Source? Source { get; set; }

    /// <summary>The uid of the last delivery applied (the incarnation tracked; the deleted one while <see cref="Deleted"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uid { get; set; }

    /// <summary>The cluster revision of the last delivery applied, as the watcher sent it (see <see cref="DeliveryOrder"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResourceVersion { get; set; }

    /// <summary>The object is gone: it feeds nothing, and <see cref="Tombstone"/> says since when.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deleted { get; set; }

    /// <summary>The last <see cref="Entities.SourceVersion.Sequence"/> sent to a resource entity (see <see cref="SourceMachine"/>).</summary>
    public long Sequence { get; set; }

    /// <summary>By resource entity key, in key order: what this source last sent each resource it feeds.</summary>
    public SortedDictionary<string, FedResource> Fed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Why the object names no resource that could be found (e.g. no tunnel for its class); it then feeds nothing there.</summary>
    public IReadOnlyList<string> Unresolved { get; set; } = [];

    /// <summary>
    /// The last incarnation deleted. A delivery of that uid is never applied again (Kubernetes never reuses a uid, and a
    /// deleted object does not come back); it is kept after a re-creation until <see cref="SyncOptions.TombstoneRetention"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SourceTombstone? Tombstone { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What a source last sent one resource: a registration, or a rejection (<see cref="Rejected"/>), and its hash.</summary>
public sealed record FedResource(ResourceIdentity Resource, string Hash, bool Rejected);

/// <summary>An incarnation's deletion: its uid (null when the deletion named none), the revision and when it was recorded.</summary>
public sealed record SourceTombstone(string? Uid, string ResourceVersion, DateTimeOffset DeletedAt);
