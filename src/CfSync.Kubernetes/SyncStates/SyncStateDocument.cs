using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Core.Aggregation;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;

namespace CfSync.Kubernetes.SyncStates;

/// <summary>The spec and status of a CloudflareSyncState, built from a sync's report.</summary>
public static class SyncStateDocument
{
    public static JsonObject Spec(SyncStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var contributions = report.Contributions.ToDictionary(c => c.Source.Key, StringComparer.Ordinal);
        var spec = new JsonObject
        {
            ["resourceType"] = report.Resource.ResourceType.ToString(),
            ["cloudflareId"] = report.Resource.CloudflareId,
            ["sources"] = new JsonArray(report.Sources.Select(s => (JsonNode?)Entry(s, contributions.GetValueOrDefault(s.Source.Key))).ToArray()),
        };
        Optional(spec, "accountId", report.Scope.AccountId);
        Optional(spec, "zoneId", report.Scope.ZoneId);
        return spec;
    }

    public static JsonObject Status(SyncStatusReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (ready, reason, message) = Readiness(report);
        var status = new JsonObject
        {
            ["syncStatus"] = report.Status.ToString(),
            ["attempts"] = report.Attempts,
            ["sourceCount"] = report.Sources.Count,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = ready ? "True" : "False",
                ["reason"] = reason,
                ["message"] = message,
                ["lastTransitionTime"] = ApiJson.Time(now),
            }),
        };
        if (report.Desired is not null)
        {
            status["aggregatedConfig"] = JsonNode.Parse(report.Desired.Json);
        }

        Optional(status, "configHash", report.ConfigHash);
        Optional(status, "lastError", report.Error);
        Optional(status, "lastSyncTime", report.LastSyncTime is { } synced ? ApiJson.Time(synced) : null);
        return status;
    }

    // Ready is True only when Cloudflare holds the aggregate and every source is in it.
    private static (bool Ready, string Reason, string Message) Readiness(SyncStatusReport report)
    {
        if (report.Status == SyncStatus.Failed)
        {
            return (false, "Failed", report.Error ?? "the last sync failed");
        }

        var problems = report.Sources.Where(s => s.Status != SourceStatus.Accepted).ToList();
        if (problems.Count > 0)
        {
            var reason = problems.Any(p => p.Status == SourceStatus.Rejected) ? "Invalid" : "Conflict";
            return (false, reason, string.Join("; ", problems.SelectMany(p => p.Reasons)));
        }

        return report.Status == SyncStatus.Synced
            ? (true, "Synced", "Configuration synced to Cloudflare")
            : (false, "Pending", "Changes wait for the next sync");
    }

    // A source rejected by its producer has no fragment: it is listed with its ref only.
    private static JsonObject Entry(SourceOutcome outcome, SourceFragment? contribution)
    {
        var entry = new JsonObject { ["ref"] = Ref(outcome) };
        if (contribution is not null)
        {
            entry["config"] = JsonSerializer.SerializeToNode(contribution.Fragment, CoreJson.Options);
            entry["priority"] = contribution.Priority;
        }

        return entry;
    }

    private static JsonObject Ref(SourceOutcome outcome)
    {
        var reference = new JsonObject { ["kind"] = outcome.Source.Kind, ["name"] = outcome.Source.Name };
        Optional(reference, "namespace", outcome.Source.Namespace);
        return reference;
    }

    private static void Optional(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
