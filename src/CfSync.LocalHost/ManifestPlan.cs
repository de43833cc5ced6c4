using CfSync.Core.Resources;
using CfSync.Sync.Entities;
using CfSync.Translation.Manifests;

namespace CfSync.LocalHost;

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
    public static ManifestPlan Refused(IReadOnlyList<ManifestProblem> problems) => new(problems, [], [], 0);
}
