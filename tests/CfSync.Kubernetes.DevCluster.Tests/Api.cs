using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s.Models;

namespace CfSync.Kubernetes.DevCluster.Tests;

/// <summary>Shared helpers: CRD coordinates, JSON views of client results, expected Status failures.</summary>
internal static class Api
{
    public const string Group = "networking.cloudflare-operator.io";

    public static JsonObject Json(object? result) =>
        JsonSerializer.SerializeToNode(result) as JsonObject ?? throw new InvalidOperationException("not an object");

    public static string? Text(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node?.ToString();
    }

    public static V1Service Service(string name, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
    };

    public static JsonObject DnsRecord(string name, string content, params string[] finalizers) => new()
    {
        ["apiVersion"] = $"{Group}/v1alpha2",
        ["kind"] = "DNSRecord",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]),
        },
        ["spec"] = new JsonObject { ["name"] = name + ".example.com", ["type"] = "CNAME", ["content"] = content },
    };

    /// <summary>Runs a call that must fail and returns the HTTP code and the Status body.</summary>
    public static async Task<(HttpStatusCode Code, JsonObject Status)> FailureAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        var status = JsonNode.Parse(error.Response.Content) as JsonObject ?? throw new InvalidOperationException("no Status body");
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("v1", (string?)status["apiVersion"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal((int)error.Response.StatusCode, (int?)status["code"]);
        return (error.Response.StatusCode, status);
    }
}
