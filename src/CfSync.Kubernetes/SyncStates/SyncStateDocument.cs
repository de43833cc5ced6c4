using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CfSync.Core.Aggregation;
using CfSync.Core.Fragments;
using CfSync.Core.Hashing;
using CfSync.Sync.Entities;
using CfSync.Sync.Status;

namespace CfSync.Kubernetes.SyncStates;

/// <summary>
/// The spec and status of a CloudflareSyncState, built from a sync's report and bounded so that the object stays far
/// below etcd's 1.5 MiB limit for any tunnel (under 1 MiB in the worst case): the aggregate, the sources' configs and the
/// list of sources each have a bound, and what does not fit is left out and said so. <c>configHash</c>,
/// <c>sourceCount</c> and <c>ruleCount</c> are always there.
/// </summary>
public static class SyncStateDocument
{
    /// <summary><c>status.aggregatedConfig</c> is left out (<c>aggregatedConfigOmitted: true</c>) when the body is larger.</summary>
    public const int MaxAggregatedConfigBytes = 256 * 1024;

    /// <summary><c>spec.sources</c> lists at most this many sources, in source-key order; <c>spec.sourcesOmitted</c> counts the rest.</summary>
    public const int MaxListedSources = 1000;

    /// <summary>
    /// The <c>config</c>s of <c>spec.sources</c> together stay within this many bytes: an entry whose config does not fit
    /// in what is left carries <c>configOmitted: true</c> instead.
    /// </summary>
    public const int MaxSourceConfigBytes = 256 * 1024;

    public static JsonObject Spec(SyncStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var contributions = report.Contributions.ToDictionary(c => c.Source.Key, StringComparer.Ordinal);
        var configBudget = MaxSourceConfigBytes;
        var listed = report.Sources.Take(MaxListedSources)
            .Select(s => (JsonNode?)Entry(s, contributions.GetValueOrDefault(s.Source.Key), ref configBudget))
            .ToArray();
        var spec = new JsonObject
        {
            ["resourceType"] = report.Resource.ResourceType.ToString(),
            ["cloudflareId"] = report.Resource.CloudflareId,
            ["sources"] = new JsonArray(listed),
        };
        if (report.Sources.Count > listed.Length)
        {
            spec["sourcesOmitted"] = report.Sources.Count - listed.Length;
        }

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
            ["conditions"] = Conditions(report, ready, reason, message, now),
        };
        if (report.Desired is not null)
        {
            var body = JsonNode.Parse(report.Desired.Json);
            if (body?["config"]?["ingress"] is JsonArray rules)
            {
                status["ruleCount"] = rules.Count;
            }

            if (Utf8Length(body) <= MaxAggregatedConfigBytes)
            {
                status["aggregatedConfig"] = body;
            }
            else
            {
                status["aggregatedConfigOmitted"] = true;
            }
        }

        Optional(status, "configHash", report.ConfigHash);
        Optional(status, "lastError", report.Error is { } error ? ApiText.Bounded(error) : null);
        Optional(status, "lastSyncTime", report.LastSyncTime is { } synced ? ApiJson.Time(synced) : null);
        return status;
    }

    // Drifted appears once a drift check found Cloudflare changed outside CfSync: True while the change stands (policy
    // Report), False once it was overwritten (Repair); the message names what changed.
    private static JsonArray Conditions(SyncStatusReport report, bool ready, string reason, string message, DateTimeOffset now)
    {
        var conditions = new JsonArray(Condition("Ready", ready, reason, message, now));
        if (report.Drift is { } drift)
        {
            conditions.Add(Condition("Drifted", !report.DriftRepaired, report.DriftRepaired ? "DriftRepaired" : "DriftReported", drift, now));
        }

        return conditions;
    }

    private static JsonObject Condition(string type, bool status, string reason, string message, DateTimeOffset now) => new()
    {
        ["type"] = type,
        ["status"] = status ? "True" : "False",
        ["reason"] = reason,
        ["message"] = ApiText.Bounded(message),
        ["lastTransitionTime"] = ApiJson.Time(now),
    };

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
            return (false, reason, ApiText.Join(problems.SelectMany(p => p.Reasons)));
        }

        return report.Status == SyncStatus.Synced
            ? (true, "Synced", "Configuration synced to Cloudflare")
            : (false, "Pending", "Changes wait for the next sync");
    }

    // A source rejected by its producer has no fragment: it is listed with its ref only.
    private static JsonObject Entry(SourceOutcome outcome, SourceFragment? contribution, ref int configBudget)
    {
        var entry = new JsonObject { ["ref"] = Ref(outcome) };
        if (contribution is not null)
        {
            var config = JsonSerializer.SerializeToNode(contribution.Fragment, CoreJson.Options);
            var size = Utf8Length(config);
            if (size <= configBudget)
            {
                entry["config"] = config;
                configBudget -= size;
            }
            else
            {
                entry["configOmitted"] = true;
            }

            entry["priority"] = contribution.Priority;
        }

        return entry;
    }

    // Measured with the default encoder, which escapes the most: the bytes on the wire are never more.
    private static int Utf8Length(JsonNode? node) => node is null ? 0 : Encoding.UTF8.GetByteCount(node.ToJsonString());

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
