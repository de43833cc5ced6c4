using System.Text.Json.Serialization;

namespace CfSync.Sync.Applying;

/// <summary>Why a sync calls Cloudflare.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplyPurpose>))]
public enum ApplyPurpose
{
    /// <summary>The aggregate changed (or a sync was forced): write it.</summary>
    Change,

    /// <summary>
    /// The periodic drift check: read what Cloudflare holds, compare it with the aggregate in Cloudflare's normal form,
    /// and re-apply what differs when <see cref="ApplyContext.RepairDrift"/> is set; report it either way.
    /// </summary>
    DriftCheck,
}

/// <summary>
/// What an applier needs besides the body. <see cref="AppliedAs"/> is what the last successful apply returned as
/// <c>ApplyResult.AppliedAs</c> (the Cloudflare id of a 1:1 object; for a tunnel's DNS records the zones holding them),
/// kept in the entity's state so a known object is addressed by id and a lost id is found again by its natural key.
/// <see cref="Owner"/> is the key of the source that owns a 1:1 object (written into the ownership marker);
/// <see cref="Adopt"/> says that source opted in to taking over an existing object that is not ours.
/// </summary>
public sealed record ApplyContext(
    string? AppliedAs = null,
    string? Owner = null,
    bool Adopt = false,
    ApplyPurpose Purpose = ApplyPurpose.Change,
    bool RepairDrift = true)
{
    public static ApplyContext None { get; } = new();
}
