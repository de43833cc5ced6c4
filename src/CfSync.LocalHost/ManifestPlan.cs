using CfSync.Core.Resources;
using CfSync.Sync.Entities;

namespace CfSync.LocalHost;

/// <summary>
/// Why a posted manifest cannot be applied: where (file, 1-based line; 0 when unknown), which object (its source key,
/// <c>Kind/namespace/name</c>) and which field, when known, and what is wrong.
/// </summary>
public sealed record ManifestProblem(string File, int Line, string? Source, string? Field, string Detail);

/// <summary>A registration to signal to a resource's entity.</summary>
public sealed record PlannedRegistration(ResourceIdentity Resource, SourceRegistration Registration);

/// <summary>A rejection to signal to a resource's entity.</summary>
public sealed record PlannedRejection(ResourceIdentity Resource, SourceRejection Rejection);

/// <summary>
/// Everything one request would signal, worked out before anything is: with any problem, nothing is signalled.
/// <see cref="Unresolved"/> counts sources whose Cloudflare resource could not be found at all.
/// </summary>
public sealed record ManifestPlan(
    IReadOnlyList<ManifestProblem> Problems,
    IReadOnlyList<PlannedRegistration> Registrations,
    IReadOnlyList<PlannedRejection> Rejections,
    int Unresolved)
{
    public static ManifestPlan Refused(params ManifestProblem[] problems) => new(problems, [], [], 0);
}
