using System.Net;
using System.Text.Json.Nodes;

namespace CfSync.LocalHost.Tests;

/// <summary>Asserts an RFC 9457 answer: the status, the media type and the body's status member.</summary>
public static class Problems
{
    public static async Task<JsonObject> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        return problem;
    }
}
