using System.Text.Json.Nodes;

namespace CfSync.Cloudflare.Emulator.Api;

/// <summary>Access applications (201 create, 202 delete), teamnet routes and virtual networks, Gateway rules.</summary>
internal sealed class AccountHandlers(EmulatorStore store)
{
    public ApiResponse ListApps(ApiRequest request)
    {
        IEnumerable<JsonObject> apps = EmulatorStore.Of(store.AccessApps, request["account_id"]);
        var exact = request.QBool("exact") == true;
        foreach (var field in new[] { "name", "domain", "aud" })
        {
            if (request.Q(field) is { } value)
            {
                apps = apps.Where(a => a[field]?.GetValue<string>() is { } actual
                    && (exact ? actual == value : actual.Contains(value, StringComparison.OrdinalIgnoreCase)));
            }
        }

        if (request.Q("search") is { } search)
        {
            apps = apps.Where(a => $"{a["name"]} {a["domain"]}".Contains(search, StringComparison.OrdinalIgnoreCase));
        }

        return ApiResponse.Page([.. apps], request.QInt("page", 1), request.QInt("per_page", 1000));
    }

    public ApiResponse CreateApp(ApiRequest request)
    {
        if (Unserved(request) is { } refused)
        {
            return refused;
        }

        var app = store.AccessApp(Guid.NewGuid().ToString(), request.BodyObject);
        EmulatorStore.Of(store.AccessApps, request["account_id"]).Add(app);
        return ApiResponse.Ok(app.DeepClone(), 201);
    }

    public ApiResponse UpdateApp(ApiRequest request)
    {
        var apps = EmulatorStore.Of(store.AccessApps, request["account_id"]);
        var index = apps.FindIndex(a => a["id"]!.GetValue<string>() == request["app_id"]);
        if (index < 0)
        {
            return AppNotFound();
        }

        if (Unserved(request) is { } refused)
        {
            return refused;
        }

        var replaced = store.AccessApp(request["app_id"], request.BodyObject);
        replaced["aud"] = apps[index]["aud"]!.DeepClone();
        replaced["created_at"] = apps[index]["created_at"]!.DeepClone();
        apps[index] = replaced;
        return ApiResponse.Ok(replaced.DeepClone());
    }

    public ApiResponse DeleteApp(ApiRequest request)
    {
        var removed = EmulatorStore.Of(store.AccessApps, request["account_id"]).RemoveAll(a => a["id"]!.GetValue<string>() == request["app_id"]);
        return removed == 0 ? AppNotFound() : ApiResponse.Ok(new JsonObject { ["id"] = request["app_id"] }, 202);
    }

    public ApiResponse ListRoutes(ApiRequest request)
    {
        var accountId = request["account_id"];
        var deleted = request.QBool("is_deleted") == true;
        var routes = EmulatorStore.Of(store.Routes, accountId)
            .Where(r => (r["deleted_at"] is not null) == deleted)
            .Where(r => Matches(r, request, "tunnel_id") && Matches(r, request, "virtual_network_id") && Matches(r, request, "comment"))
            .Where(r => request.Q("route_id") is not { } id || r["id"]!.GetValue<string>() == id)
            .Select(r => Listed(accountId, r));
        return ApiResponse.Page([.. routes], request.QInt("page", 1), request.QInt("per_page", 1000));
    }

    public ApiResponse CreateRoute(ApiRequest request)
    {
        var accountId = request["account_id"];
        var body = request.BodyObject;
        var route = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["network"] = body["network"]!.DeepClone(),
            ["tunnel_id"] = body["tunnel_id"]!.DeepClone(),
            ["comment"] = body["comment"]?.DeepClone() ?? string.Empty,
            ["virtual_network_id"] = body["virtual_network_id"]?.DeepClone() ?? store.DefaultVirtualNetwork(accountId),
            ["created_at"] = store.Now(),
        };
        var routes = EmulatorStore.Of(store.Routes, accountId);
        if (Duplicate(routes, route))
        {
            return DuplicateRoute();
        }

        routes.Add(route);
        return ApiResponse.Ok(route.DeepClone());
    }

    public ApiResponse UpdateRoute(ApiRequest request)
    {
        var routes = EmulatorStore.Of(store.Routes, request["account_id"]);
        var route = routes.Find(r => r["id"]!.GetValue<string>() == request["route_id"] && r["deleted_at"] is null);
        if (route is null)
        {
            return RouteNotFound();
        }

        var updated = (JsonObject)route.DeepClone();
        foreach (var (key, value) in request.BodyObject)
        {
            updated[key] = value?.DeepClone();
        }

        if (Duplicate(routes, updated))
        {
            return DuplicateRoute();
        }

        routes[routes.IndexOf(route)] = updated;
        return ApiResponse.Ok(updated.DeepClone());
    }

    /// <summary>Routes are soft-deleted: listed again with is_deleted=true.</summary>
    public ApiResponse DeleteRoute(ApiRequest request)
    {
        var route = EmulatorStore.Of(store.Routes, request["account_id"]).Find(r => r["id"]!.GetValue<string>() == request["route_id"] && r["deleted_at"] is null);
        if (route is null)
        {
            return RouteNotFound();
        }

        route["deleted_at"] = store.Now();
        return ApiResponse.Ok(route.DeepClone());
    }

    public ApiResponse ListVirtualNetworks(ApiRequest request)
    {
        var deleted = request.QBool("is_deleted") == true;
        var networks = EmulatorStore.Of(store.VirtualNetworks, request["account_id"])
            .Where(v => (v["deleted_at"] is not null) == deleted)
            .Where(v => Matches(v, request, "id") && Matches(v, request, "name"))
            .Where(v => request.QBool("is_default") is not { } isDefault || v["is_default_network"]!.GetValue<bool>() == isDefault);
        return ApiResponse.List(networks);
    }

    public ApiResponse ListRules(ApiRequest request) => ApiResponse.List(EmulatorStore.Of(store.GatewayRules, request["account_id"]));

    public ApiResponse CreateRule(ApiRequest request)
    {
        var rule = store.GatewayRule(Guid.NewGuid().ToString(), request.BodyObject);
        EmulatorStore.Of(store.GatewayRules, request["account_id"]).Add(rule);
        return ApiResponse.Ok(rule.DeepClone());
    }

    public ApiResponse UpdateRule(ApiRequest request)
    {
        var rules = EmulatorStore.Of(store.GatewayRules, request["account_id"]);
        var index = rules.FindIndex(r => r["id"]!.GetValue<string>() == request["rule_id"]);
        if (index < 0)
        {
            return RuleNotFound();
        }

        var replaced = store.GatewayRule(request["rule_id"], request.BodyObject);
        replaced["created_at"] = rules[index]["created_at"]!.DeepClone();
        rules[index] = replaced;
        return ApiResponse.Ok(replaced.DeepClone());
    }

    public ApiResponse DeleteRule(ApiRequest request) =>
        EmulatorStore.Of(store.GatewayRules, request["account_id"]).RemoveAll(r => r["id"]!.GetValue<string>() == request["rule_id"]) == 0
            ? RuleNotFound()
            : ApiResponse.Ok(new JsonObject());

    /// <summary>
    /// The emulator's rule for an application on a domain (self_hosted, ssh, vnc): its host must be served, i.e. be a
    /// hostname of one of the account's tunnel configurations (a <c>*.</c> wildcard rule covers one label) or the name of
    /// a DNS record in one of the account's zones. Otherwise 400 with Access's invalid-request code 12130, as Cloudflare
    /// refuses an application for a domain it does not serve.
    /// </summary>
    private ApiResponse? Unserved(ApiRequest request)
    {
        var body = request.BodyObject;
        var type = body["type"]?.GetValue<string>() ?? "self_hosted";
        if (type is not ("self_hosted" or "ssh" or "vnc") || body["domain"]?.GetValue<string>() is not { Length: > 0 } domain)
        {
            return null;
        }

        var host = domain.Split('/', 2)[0].TrimEnd('.').ToLowerInvariant();
        return store.Serves(request["account_id"], host)
            ? null
            : ApiResponse.Error(400, (AccessInvalidRequest, $"access.api.error.invalid_request: domain {host} is not served by a tunnel or DNS record of the account"));
    }

    private JsonObject Listed(string accountId, JsonObject route)
    {
        var listed = (JsonObject)route.DeepClone();
        var tunnelId = route["tunnel_id"]!.GetValue<string>();
        listed["tun_type"] = "cfd_tunnel";
        listed["tunnel_name"] = store.Tunnels.TryGetValue(tunnelId, out var tunnel) ? tunnel["name"]!.DeepClone() : string.Empty;
        listed["virtual_network_name"] = EmulatorStore.Of(store.VirtualNetworks, accountId)
            .Find(v => v["id"]!.GetValue<string>() == route["virtual_network_id"]?.GetValue<string>())?["name"]?.DeepClone() ?? string.Empty;
        return listed;
    }

    private static bool Matches(JsonObject item, ApiRequest request, string field) =>
        request.Q(field) is not { } wanted || item[field]?.GetValue<string>() == wanted;

    private static bool Duplicate(List<JsonObject> routes, JsonObject route) => routes.Any(r =>
        r["deleted_at"] is null && r["id"]!.GetValue<string>() != route["id"]!.GetValue<string>()
        && r["network"]!.GetValue<string>() == route["network"]!.GetValue<string>()
        && r["virtual_network_id"]?.GetValue<string>() == route["virtual_network_id"]?.GetValue<string>());

    // Codes below are the emulator's choice: no authoritative source was found (docs/cloudflare-edge.md).
    private const int AccessInvalidRequest = 12130;

    private static ApiResponse AppNotFound() => ApiResponse.Error(404, (AccessInvalidRequest, "access.api.error.not_found"));

    private static ApiResponse RouteNotFound() => ApiResponse.Error(404, (1002, "Route not found"));

    private static ApiResponse DuplicateRoute() => ApiResponse.Error(400, (1014, "Route with the same network already exists in this virtual network"));

    private static ApiResponse RuleNotFound() => ApiResponse.Error(404, (2036, "Rule not found"));
}
