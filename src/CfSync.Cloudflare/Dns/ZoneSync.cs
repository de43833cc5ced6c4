using CfSync.Cloudflare.Models;
using CfSync.Sync.Applying;
using CfSync.Sync.Orchestrations;
using Microsoft.Extensions.Logging;

namespace CfSync.Cloudflare.Dns;

/// <summary>What applying a plan to one zone gave.</summary>
internal sealed record ZoneSyncResult(
    IReadOnlyList<SourceConflict> Conflicts,
    IReadOnlySet<string> Granted,
    IReadOnlySet<string> FailedUnits,
    IReadOnlyDictionary<DnsChange, DnsRecord?> Written,
    string? Drift);

/// <summary>
/// Carries a zone's plan out as the purpose says: a change writes it; a drift check describes it and writes it only
/// when <see cref="ApplyContext.RepairDrift"/> is set. A unit Cloudflare rejected becomes a conflict of its source.
/// </summary>
internal sealed class ZoneSync(ZoneBatchWriter writer, ILogger logger)
{
    public async Task<ZoneSyncResult> RunAsync(ZoneRecords zone, ZonePlan plan, ApplyContext context, CancellationToken cancellationToken)
    {
        foreach (var conflict in plan.Conflicts)
        {
            DnsLog.RecordConflict(logger, zone.Zone.Id, conflict.SourceKey, conflict.Reason);
        }

        string? drift = null;
        if (context.Purpose == ApplyPurpose.DriftCheck && plan.Changes.Count > 0)
        {
            drift = string.Join("; ", plan.Changes.Select(c => c.Description));
            DnsLog.DriftFound(logger, zone.Zone.Id, context.RepairDrift ? "repairing" : "report only", drift);
        }

        var write = plan.Changes.Count > 0 && (context.Purpose == ApplyPurpose.Change || context.RepairDrift);
        var result = write
            ? await writer.WriteAsync(zone.Zone.Id, plan.Changes, cancellationToken).ConfigureAwait(false)
            : new ZoneWriteResult(new Dictionary<DnsChange, DnsRecord?>(), new Dictionary<string, string>());
        var conflicts = plan.Conflicts.ToList();
        foreach (var (unit, reason) in result.FailedUnits)
        {
            conflicts.Add(new SourceConflict(plan.Changes.First(c => c.Unit == unit).Source, reason));
        }

        var failed = result.FailedUnits.Keys.ToHashSet(StringComparer.Ordinal);
        var granted = plan.Granted.Where(u => !failed.Contains(u)).ToHashSet(StringComparer.Ordinal);
        return new ZoneSyncResult(conflicts, granted, failed, result.Written, drift);
    }
}
