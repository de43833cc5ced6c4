using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator.Control;

namespace CfSync.Cloudflare.Emulator.Api;

/// <summary>
/// In-memory Cloudflare state. Objects are kept as the JSON the API returns. One lock guards everything, which also makes
/// a DNS batch a single transaction.
/// </summary>
internal sealed class EmulatorStore(TimeProvider time)
{
    public object Sync { get; } = new();

    public Dictionary<string, JsonObject> Tunnels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> Configurations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> Zones { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<JsonObject>> DnsRecords { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<JsonObject>> AccessApps { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<JsonObject>> Routes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<JsonObject>> VirtualNetworks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<JsonObject>> GatewayRules { get; } = new(StringComparer.Ordinal);

    public string Now() => time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    public static string NewHexId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static List<JsonObject> Of(Dictionary<string, List<JsonObject>> map, string key) =>
        map.TryGetValue(key, out var list) ? list : map[key] = [];

    public void Reset()
    {
        lock (Sync)
        {
            Tunnels.Clear();
            Configurations.Clear();
            Zones.Clear();
            DnsRecords.Clear();
            AccessApps.Clear();
            Routes.Clear();
            VirtualNetworks.Clear();
            GatewayRules.Clear();
        }
    }

    public SeedResult Seed(EmulatorSeed seed)
    {
        lock (Sync)
        {
            foreach (var tunnel in seed.Tunnels ?? [])
            {
                Tunnels[tunnel.Id] = new JsonObject
                {
                    ["id"] = tunnel.Id,
                    ["account_tag"] = tunnel.AccountId,
                    ["name"] = tunnel.Name,
                    ["status"] = tunnel.Status,
                    ["remote_config"] = true,
                    ["tun_type"] = "cfd_tunnel",
                    ["connections"] = new JsonArray(),
                    ["created_at"] = Now(),
                    ["metadata"] = new JsonObject(),
                };
                if (tunnel.Configuration is not null || tunnel.Version > 0)
                {
                    Configurations[tunnel.Id] = Configuration(tunnel.AccountId, tunnel.Id, tunnel.Version, (JsonObject?)tunnel.Configuration?.DeepClone() ?? []);
                }
            }

            foreach (var zone in seed.Zones ?? [])
            {
                Zones[zone.Id] = new JsonObject
                {
                    ["id"] = zone.Id,
                    ["name"] = zone.Name,
                    ["status"] = zone.Status,
                    ["paused"] = false,
                    ["type"] = "full",
                    ["account"] = new JsonObject { ["id"] = zone.AccountId ?? string.Empty, ["name"] = "Emulated account" },
                    ["name_servers"] = new JsonArray("ada.ns.cloudflare.com", "bob.ns.cloudflare.com"),
                    ["original_name_servers"] = null,
                    ["original_registrar"] = null,
                    ["original_dnshost"] = null,
                    ["development_mode"] = 0,
                    ["owner"] = new JsonObject { ["id"] = zone.AccountId ?? string.Empty, ["type"] = "organization", ["name"] = "Emulated account" },
                    ["meta"] = new JsonObject { ["cdn_only"] = false, ["dns_only"] = false, ["phishing_detected"] = false },
                    ["created_on"] = Now(),
                    ["modified_on"] = Now(),
                    ["activated_on"] = Now(),
                };
            }

            var dnsIds = new List<string>();
            foreach (var record in seed.DnsRecords ?? [])
            {
                var body = new JsonObject { ["type"] = record.Type, ["name"] = record.Name, ["content"] = record.Content, ["proxied"] = record.Proxied, ["ttl"] = record.Ttl };
                if (record.Comment is not null)
                {
                    body["comment"] = record.Comment;
                }

                if (record.Tags is not null)
                {
                    body["tags"] = new JsonArray([.. record.Tags.Select(t => (JsonNode)t)]);
                }

                var created = DnsRecord(record.ZoneId, record.Id ?? NewHexId(), body);
                Of(DnsRecords, record.ZoneId).Add(created);
                dnsIds.Add(created["id"]!.GetValue<string>());
            }

            var vnetIds = (seed.VirtualNetworks ?? []).Select(v => AddVirtualNetwork(v.AccountId, v.Name, v.IsDefault, v.Id, v.Comment)).ToList();
            var routeIds = new List<string>();
            foreach (var route in seed.Routes ?? [])
            {
                var id = route.Id ?? Guid.NewGuid().ToString();
                Of(Routes, route.AccountId).Add(new JsonObject
                {
                    ["id"] = id,
                    ["network"] = route.Network,
                    ["tunnel_id"] = route.TunnelId,
                    ["comment"] = route.Comment,
                    ["virtual_network_id"] = route.VirtualNetworkId ?? DefaultVirtualNetwork(route.AccountId),
                    ["created_at"] = Now(),
                });
                routeIds.Add(id);
            }

            var appIds = new List<string>();
            foreach (var app in seed.AccessApps ?? [])
            {
                var created = AccessApp(app.Id ?? Guid.NewGuid().ToString(), new JsonObject { ["name"] = app.Name, ["domain"] = app.Domain, ["type"] = app.Type });
                Of(AccessApps, app.AccountId).Add(created);
                appIds.Add(created["id"]!.GetValue<string>());
            }

            var ruleIds = new List<string>();
            foreach (var rule in seed.GatewayRules ?? [])
            {
                var body = new JsonObject { ["name"] = rule.Name, ["action"] = rule.Action, ["traffic"] = rule.Traffic ?? string.Empty };
                if (rule.Filters is not null)
                {
                    body["filters"] = new JsonArray([.. rule.Filters.Select(f => (JsonNode)f)]);
                }

                var created = GatewayRule(rule.Id ?? Guid.NewGuid().ToString(), body);
                Of(GatewayRules, rule.AccountId).Add(created);
                ruleIds.Add(created["id"]!.GetValue<string>());
            }

            return new SeedResult(dnsIds, vnetIds, routeIds, appIds, ruleIds);
        }
    }

    public JsonObject Configuration(string accountId, string tunnelId, int version, JsonObject config) => new()
    {
        ["tunnel_id"] = tunnelId,
        ["account_id"] = accountId,
        ["version"] = version,
        ["config"] = config,
        ["source"] = "cloudflare",
        ["created_at"] = Now(),
    };

    /// <summary>A stored DNS record built from a request body: FQDN name, defaults, ids and timestamps.</summary>
    public JsonObject DnsRecord(string zoneId, string id, JsonObject body)
    {
        var zoneName = Zones.TryGetValue(zoneId, out var zone) ? zone["name"]!.GetValue<string>() : string.Empty;
        var type = body["type"]!.GetValue<string>();
        var proxiable = type is "A" or "AAAA" or "CNAME";
        var record = new JsonObject
        {
            ["id"] = id,
            ["zone_id"] = zoneId,
            ["zone_name"] = zoneName,
            ["name"] = Fqdn(body["name"]!.GetValue<string>(), zoneName),
            ["type"] = type,
            ["content"] = body["content"]?.DeepClone(),
            ["proxiable"] = proxiable,
            ["proxied"] = proxiable && body["proxied"]?.GetValue<bool>() == true,
            ["ttl"] = body["ttl"]?.DeepClone() ?? 1,
            ["locked"] = false,
            ["meta"] = new JsonObject { ["auto_added"] = false, ["source"] = "primary" },
            ["tags"] = body["tags"]?.DeepClone() ?? new JsonArray(),
            ["created_on"] = Now(),
            ["modified_on"] = Now(),
        };
        foreach (var optional in new[] { "comment", "priority", "data", "settings" })
        {
            if (body[optional] is { } value)
            {
                record[optional] = value.DeepClone();
            }
        }

        // Types valued in "data" (SRV, CAA, ...): Cloudflare derives content (and an SRV's priority) from it; the
        // emulator's content is the data's other values joined by blanks, in the body's order.
        if (record["content"] is null && body["data"] is JsonObject data)
        {
            record["content"] = string.Join(' ', data.Where(p => p.Key != "priority").Select(p => p.Value?.ToString()));
            if (data["priority"] is { } priority)
            {
                record["priority"] ??= priority.DeepClone();
            }
        }

        return record;
    }

    public static string Fqdn(string name, string zoneName)
    {
        var lower = name.TrimEnd('.').ToLowerInvariant();
        if (zoneName.Length == 0 || lower == zoneName || lower.EndsWith("." + zoneName, StringComparison.Ordinal))
        {
            return lower;
        }

        return lower == "@" ? zoneName : $"{lower}.{zoneName}";
    }

    public JsonObject AccessApp(string id, JsonObject body)
    {
        var app = (JsonObject)body.DeepClone();
        app["id"] = id;
        if (app["policies"] is JsonArray policies)
        {
            // Inline policies become the application's own, with ids and their order as precedence when none is given.
            for (var i = 0; i < policies.Count; i++)
            {
                if (policies[i] is JsonObject policy)
                {
                    policy["id"] ??= Guid.NewGuid().ToString();
                    policy["precedence"] ??= i + 1;
                    policy["created_at"] = Now();
                    policy["updated_at"] = Now();
                }
            }
        }

        app["aud"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        app["session_duration"] ??= "24h";
        app["created_at"] = Now();
        app["updated_at"] = Now();
        return app;
    }

    public JsonObject GatewayRule(string id, JsonObject body)
    {
        var rule = (JsonObject)body.DeepClone();
        rule["id"] = id;
        rule["enabled"] ??= false;
        rule["precedence"] ??= 0;
        rule["description"] ??= string.Empty;
        rule["created_at"] = Now();
        rule["updated_at"] = Now();
        return rule;
    }

    /// <summary>Whether a hostname of the account's tunnel configurations or a DNS record of its zones is <paramref name="host"/>.</summary>
    public bool Serves(string accountId, string host)
    {
        var parent = host.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? host[(dot + 1)..] : null;
        var tunnelHosts = Configurations.Values
            .Where(c => c["account_id"]?.GetValue<string>() == accountId)
            .SelectMany(c => c["config"]?["ingress"] as JsonArray ?? [])
            .Select(rule => rule?["hostname"]?.GetValue<string>()?.ToLowerInvariant());
        if (tunnelHosts.Any(h => h == host || (parent is not null && h == "*." + parent)))
        {
            return true;
        }

        return Zones.Values
            .Where(z => z["account"]?["id"]?.GetValue<string>() == accountId)
            .SelectMany(z => DnsRecords.TryGetValue(z["id"]!.GetValue<string>(), out var records) ? records : [])
            .Any(r => r["name"]?.GetValue<string>() == host);
    }

    public string AddVirtualNetwork(string accountId, string name, bool isDefault, string? id, string comment)
    {
        var vnetId = id ?? Guid.NewGuid().ToString();
        Of(VirtualNetworks, accountId).Add(new JsonObject
        {
            ["id"] = vnetId,
            ["name"] = name,
            ["is_default_network"] = isDefault,
            ["comment"] = comment,
            ["created_at"] = Now(),
        });
        return vnetId;
    }

    /// <summary>Every account has a default virtual network; created on first use.</summary>
    public string DefaultVirtualNetwork(string accountId) =>
        Of(VirtualNetworks, accountId).FirstOrDefault(v => v["is_default_network"]!.GetValue<bool>())?["id"]!.GetValue<string>()
        ?? AddVirtualNetwork(accountId, "default", true, null, "Default virtual network");
}
