using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>
/// The distinct requests the server has received, each with its user: the bearer token a client sent (the server
/// authenticates nobody, so a test names each program's service account by giving its client that token).
/// </summary>
internal sealed class RequestRecord
{
    private readonly ConcurrentDictionary<RecordedRequest, byte> _seen = new();

    public IReadOnlySet<RecordedRequest> Snapshot => _seen.Keys.ToHashSet();

    public void Add(HttpRequest request, ApiRequest what) => _seen.TryAdd(new RecordedRequest(UserOf(request), what), 0);

    private static string UserOf(HttpRequest request) =>
        request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : "";
}
