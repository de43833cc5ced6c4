namespace CfSync.Engine.Benchmarks;

/// <summary>
/// A storage request's kind from its method and address, so a benchmark can say which requests a change costs:
/// "queue GET" (receive), "queue POST" (send), "table POST batch", "blob PUT block (entity state)"... Azurite's paths
/// start with the account. Blobs are the provider's large messages: an entity's (its instance id starts with '@') or
/// an orchestration's data; anything else (leases) is "other".
/// </summary>
internal static class StorageRequestKind
{
    public static string Of(string method, string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var address))
        {
            return $"other {method}";
        }

        var path = Uri.UnescapeDataString(address.AbsolutePath);
        var query = address.Query;
        if (path.Contains("/messages", StringComparison.Ordinal) || query.Contains("comp=metadata", StringComparison.Ordinal))
        {
            return $"queue {method}{(query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? " peek" : string.Empty)}";
        }

        if (path.EndsWith("$batch", StringComparison.Ordinal))
        {
            return $"table {method} batch";
        }

        if (path.Contains('(', StringComparison.Ordinal) || path.EndsWith("/Tables", StringComparison.Ordinal))
        {
            return $"table {method}{(method == "GET" && path.EndsWith("()", StringComparison.Ordinal) ? " query" : string.Empty)}";
        }

        var part = query.Contains("comp=blocklist", StringComparison.Ordinal) ? " blocklist"
            : query.Contains("comp=block", StringComparison.Ordinal) ? " block"
            : string.Empty;
        var owner = !path.Contains("-largemessages/", StringComparison.Ordinal) ? "other"
            : path.Contains("-largemessages/@", StringComparison.Ordinal) ? "entity state"
            : "orchestration data";
        return $"blob {method}{part} ({owner})";
    }
}
