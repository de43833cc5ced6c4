using System.Text.Json.Nodes;

namespace CfSync.Cloudflare.Emulator.Api;

/// <summary>DNS records: filters, pagination, Cloudflare's duplicate rules (81053, 81058) and the all-or-nothing batch.</summary>
internal sealed class DnsHandlers(EmulatorStore store)
{
    private static readonly string[] AddressTypes = ["A", "AAAA", "CNAME"];

    public ApiResponse List(ApiRequest request)
    {
        if (Zone(request) is { } missing)
        {
            return missing;
        }

        var checks = new List<Func<JsonObject, bool>>();
        void Text(string field, string parameter)
        {
            string Of(JsonObject r) => r[field]?.GetValue<string>() ?? string.Empty;
            if (request.Q(parameter) is { } exact)
            {
                checks.Add(r => string.Equals(Of(r), exact, StringComparison.OrdinalIgnoreCase));
            }

            if (request.Q(parameter + ".exact") is { } e)
            {
                checks.Add(r => string.Equals(Of(r), e, StringComparison.OrdinalIgnoreCase));
            }

            if (request.Q(parameter + ".contains") is { } c)
            {
                checks.Add(r => Of(r).Contains(c, StringComparison.OrdinalIgnoreCase));
            }

            if (request.Q(parameter + ".startswith") is { } s)
            {
                checks.Add(r => Of(r).StartsWith(s, StringComparison.OrdinalIgnoreCase));
            }

            if (request.Q(parameter + ".endswith") is { } end)
            {
                checks.Add(r => Of(r).EndsWith(end, StringComparison.OrdinalIgnoreCase));
            }
        }

        Text("name", "name");
        Text("content", "content");
        Text("comment", "comment");
        if (request.Q("type") is { } type)
        {
            checks.Add(r => r["type"]!.GetValue<string>() == type);
        }

        if (request.QBool("proxied") is { } proxied)
        {
            checks.Add(r => r["proxied"]!.GetValue<bool>() == proxied);
        }

        if (request.Q("comment.present") is not null)
        {
            checks.Add(r => r["comment"] is not null);
        }

        if (request.Q("comment.absent") is not null)
        {
            checks.Add(r => r["comment"] is null);
        }

        static IEnumerable<string> Tags(JsonObject r) => r["tags"]?.AsArray().Select(t => t!.GetValue<string>()) ?? [];
        if (request.Q("tag") is { } tag)
        {
            checks.Add(r => Tags(r).Contains(tag, StringComparer.Ordinal));
        }

        if (request.Q("tag.present") is { } tagName)
        {
            checks.Add(r => Tags(r).Any(t => t.Split(':')[0] == tagName));
        }

        if (request.Q("tag.absent") is { } absentTag)
        {
            checks.Add(r => !Tags(r).Any(t => t.Split(':')[0] == absentTag));
        }

        if (request.Q("search") is { } search)
        {
            checks.Add(r => r.ToJsonString().Contains(search, StringComparison.OrdinalIgnoreCase));
        }

        var any = request.Q("match") == "any";
        var records = EmulatorStore.Of(store.DnsRecords, request["zone_id"])
            .Where(r => checks.Count == 0 || (any ? checks.Any(c => c(r)) : checks.All(c => c(r))));
        records = request.Q("order") is { } order and ("type" or "name" or "content" or "ttl" or "proxied")
            ? request.Q("direction") == "desc"
                ? records.OrderByDescending(r => r[order]!.ToJsonString(), StringComparer.Ordinal)
                : records.OrderBy(r => r[order]!.ToJsonString(), StringComparer.Ordinal)
            : records;
        return ApiResponse.Page([.. records], request.QInt("page", 1), request.QInt("per_page", 100));
    }

    public ApiResponse Create(ApiRequest request) => Zone(request) ?? Commit(request, records => Post(request["zone_id"], records, request.BodyObject));

    public ApiResponse Update(ApiRequest request) =>
        Zone(request) ?? Commit(request, records => Put(request["zone_id"], records, request["dns_record_id"], request.BodyObject));

    public ApiResponse Patch(ApiRequest request) =>
        Zone(request) ?? Commit(request, records => PatchOne(request["zone_id"], records, request["dns_record_id"], request.BodyObject));

    public ApiResponse Delete(ApiRequest request) =>
        Zone(request) ?? Commit(request, records => DeleteOne(records, request["dns_record_id"]) is { } deleted
            ? (new JsonObject { ["id"] = deleted["id"]!.DeepClone() }, null)
            : (null, RecordDoesNotExist()));

    /// <summary>deletes → patches → puts → posts against a copy; the copy replaces the zone only if every step succeeded.</summary>
    public ApiResponse Batch(ApiRequest request) => Zone(request) ?? Commit(request, records =>
    {
        var zoneId = request["zone_id"];
        var body = request.BodyObject;
        var result = new JsonObject();
        var steps = new (string Name, Func<JsonObject, (JsonNode?, ApiResponse?)> Apply)[]
        {
            ("deletes", item => DeleteOne(records, item["id"]!.GetValue<string>()) is { } deleted ? (deleted, null) : (null, RecordDoesNotExist())),
            ("patches", item => PatchOne(zoneId, records, item["id"]!.GetValue<string>(), item)),
            ("puts", item => Put(zoneId, records, item["id"]!.GetValue<string>(), item)),
            ("posts", item => Post(zoneId, records, item)),
        };
        foreach (var (name, apply) in steps)
        {
            var done = new JsonArray();
            foreach (var item in body[name]?.AsArray() ?? [])
            {
                var (record, error) = apply(item!.AsObject());
                if (error is not null)
                {
                    return (null, error);
                }

                done.Add(record!.DeepClone());
            }

            result[name] = done;
        }

        return (result, null);
    });

    private ApiResponse Commit(ApiRequest request, Func<List<JsonObject>, (JsonNode? Result, ApiResponse? Error)> change)
    {
        var zoneId = request["zone_id"];
        var working = EmulatorStore.Of(store.DnsRecords, zoneId).Select(r => (JsonObject)r.DeepClone()).ToList();
        var (result, error) = change(working);
        if (error is not null)
        {
            return error;
        }

        store.DnsRecords[zoneId] = working;
        return ApiResponse.Ok(result?.DeepClone());
    }

    private (JsonNode?, ApiResponse?) Post(string zoneId, List<JsonObject> records, JsonObject body)
    {
        var record = store.DnsRecord(zoneId, EmulatorStore.NewHexId(), body);
        if (Conflict(records, record, null) is { } conflict)
        {
            return (null, conflict);
        }

        records.Add(record);
        return (record, null);
    }

    private (JsonNode?, ApiResponse?) Put(string zoneId, List<JsonObject> records, string id, JsonObject body)
    {
        var index = records.FindIndex(r => r["id"]!.GetValue<string>() == id);
        if (index < 0)
        {
            return (null, RecordDoesNotExist());
        }

        var replacement = store.DnsRecord(zoneId, id, body);
        replacement["created_on"] = records[index]["created_on"]!.DeepClone();
        if (Conflict(records, replacement, id) is { } conflict)
        {
            return (null, conflict);
        }

        records[index] = replacement;
        return (replacement, null);
    }

    private (JsonNode?, ApiResponse?) PatchOne(string zoneId, List<JsonObject> records, string id, JsonObject patch)
    {
        var existing = records.Find(r => r["id"]!.GetValue<string>() == id);
        if (existing is null)
        {
            return (null, RecordDoesNotExist());
        }

        var merged = (JsonObject)existing.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (key != "id")
            {
                merged[key] = value?.DeepClone();
            }
        }

        return Put(zoneId, records, id, merged);
    }

    private static JsonObject? DeleteOne(List<JsonObject> records, string id)
    {
        var existing = records.Find(r => r["id"]!.GetValue<string>() == id);
        if (existing is not null)
        {
            records.Remove(existing);
        }

        return existing;
    }

    private static ApiResponse? Conflict(List<JsonObject> records, JsonObject candidate, string? ignoreId)
    {
        string S(JsonObject r, string field) => r[field]?.ToJsonString() ?? string.Empty;
        var sameName = records.Where(r => r["id"]!.GetValue<string>() != ignoreId && S(r, "name") == S(candidate, "name")).ToList();
        if (sameName.Any(r => S(r, "type") == S(candidate, "type") && S(r, "content") == S(candidate, "content")))
        {
            return ApiResponse.Error(400, (81058, "An identical record already exists."));
        }

        var type = candidate["type"]!.GetValue<string>();
        var clashes = type == "CNAME"
            ? sameName.Any(r => AddressTypes.Contains(r["type"]!.GetValue<string>()))
            : type is "A" or "AAAA" && sameName.Any(r => r["type"]!.GetValue<string>() == "CNAME");
        return clashes ? ApiResponse.Error(400, (81053, "An A, AAAA, or CNAME record with that host already exists.")) : null;
    }

    private ApiResponse? Zone(ApiRequest request) => store.Zones.ContainsKey(request["zone_id"])
        ? null
        : ApiResponse.Error(
            400,
            (7003, $"Could not route to /client/v4/zones/{request["zone_id"]}/dns_records, perhaps your object identifier is invalid?"),
            (7000, "No route for that URI"));

    private static ApiResponse RecordDoesNotExist() => ApiResponse.Error(404, (81044, "Record does not exist."));
}
