using System.Text.Json.Nodes;

namespace CfSync.Cloudflare.Models;

public sealed record GatewayRule(
    string Id,
    string Name,
    string Action,
    string? Description,
    bool? Enabled,
    IReadOnlyList<string>? Filters,
    string? Traffic,
    string? Identity,
    string? DevicePosture,
    int? Precedence,
    JsonObject? RuleSettings,
    JsonObject? Schedule,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? DeletedAt);

/// <summary>Body of POST and PUT. Action is one of on|off|allow|block|scan|noscan|safesearch|ytrestricted|isolate|noisolate|override|l4_override|egress|audit_ssh|resolve.</summary>
public sealed record GatewayRuleRequest(
    string Name,
    string Action,
    string? Description = null,
    bool? Enabled = null,
    IReadOnlyList<string>? Filters = null,
    string? Traffic = null,
    string? Identity = null,
    string? DevicePosture = null,
    int? Precedence = null,
    JsonObject? RuleSettings = null,
    JsonObject? Schedule = null);
