using System.Text.Json.Nodes;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// One column of the Table form (kubectl get). <paramref name="Cell"/> reads the cell from the stored object; a null cell
/// prints as &lt;none&gt;. Cells of type "date" are timestamps the Table shows as an age ("5m", "2d3h"), as the API server
/// shows a CRD's date columns.
/// </summary>
/// <param name="Name">The header (kubectl prints it upper-cased).</param>
/// <param name="Type">string, integer, number, boolean or date (the OpenAPI type of a CRD's printer column).</param>
public sealed record PrinterColumn(string Name, string Type, Func<JsonObject, JsonNode?> Cell)
{
    /// <summary>0 for the default output; 1 and above only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }

    public string Description { get; init; } = "";

    /// <summary>The age of the object, the last column of every kind.</summary>
    public static PrinterColumn Age { get; } = new("Age", "date", o => o["metadata"]?["creationTimestamp"]?.DeepClone())
    {
        Description = "CreationTimestamp is a timestamp representing the server time when this object was created.",
    };

    /// <summary>A CRD's additionalPrinterColumn: the first value its JSONPath finds.</summary>
    public static PrinterColumn FromJsonPath(string name, string type, string jsonPath)
    {
        var path = ColumnPath.Parse(jsonPath);
        return new(name, type, o => path.First(o)?.DeepClone());
    }
}
