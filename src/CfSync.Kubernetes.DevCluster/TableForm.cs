using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// The Table form of a get or list (meta.k8s.io/v1 Table), asked for with
/// <c>Accept: application/json;as=Table;g=meta.k8s.io;v=v1</c> as kubectl get does: Name, the kind's columns (a CRD's
/// additionalPrinterColumns, kube-apiserver's columns for built-in kinds; Age when a kind declares none), and per row the
/// object as <c>includeObject</c> asks (Metadata by default, Object or None).
/// </summary>
internal sealed class TableForm(TimeProvider time)
{
    public static bool IsRequested(HttpRequest request) =>
        request.Headers.Accept.SelectMany(a => (a ?? "").Split(',')).Any(mediaType =>
        {
            var parameters = mediaType.Split(';').Skip(1).Select(p => p.Trim()).ToHashSet(StringComparer.Ordinal);
            return parameters.Contains("as=Table") && parameters.Contains("g=meta.k8s.io") && parameters.Contains("v=v1");
        });

    public JsonObject Build(ApiPath path, IReadOnlyList<JsonObject> objects, JsonObject listMetadata, string? includeObject)
    {
        var include = includeObject ?? "Metadata";
        if (include is not ("None" or "Metadata" or "Object"))
        {
            throw ApiStatusException.BadRequest($"includeObject: Unsupported value: \"{include}\": supported values: \"None\", \"Metadata\", \"Object\"");
        }

        var columns = path.Resource.Columns.Count > 0 ? path.Resource.Columns : [PrinterColumn.Age];

        // Name leads, unless the kind places it itself (Events show it only with -o wide).
        var leadingName = !columns.Any(c => c.Name == "Name");
        var definitions = new JsonArray();
        if (leadingName)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = "Name",
                ["type"] = "string",
                ["format"] = "name",
                ["description"] = "Name must be unique within a namespace.",
                ["priority"] = 0,
            });
        }

        foreach (var column in columns)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = "",
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }

        var now = time.GetUtcNow();
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = leadingName ? new JsonArray((JsonNode?)ObjectMeta.Name(obj)) : [];
            foreach (var column in columns)
            {
                var cell = column.Cell(obj);
                cells.Add(column.Type == "date" ? Age(cell, now) : cell);
            }

            var row = new JsonObject { ["cells"] = cells };
            if (include != "None")
            {
                row["object"] = include == "Object" ? ApiHandler.Versioned(path, obj) : new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = ObjectMeta.Of(obj).DeepClone(),
                };
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    // As the API server shows a CRD's date column: the age, "<invalid>" for a value that is no timestamp.
    private static JsonNode? Age(JsonNode? cell, DateTimeOffset now)
    {
        if (cell is null)
        {
            return null;
        }

        return cell is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? HumanDuration.Format(now - at)
            : "<invalid>";
    }
}
