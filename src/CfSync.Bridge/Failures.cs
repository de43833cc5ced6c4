using Azure;
using k8s.Autorest;

namespace CfSync.Bridge;

/// <summary>A failure told briefly for a log line: the status and code, never request headers or a connection string.</summary>
internal static class Failures
{
    public static string Describe(Exception error) => error switch
    {
        RequestFailedException storage => $"storage answered {storage.Status} {storage.ErrorCode}",
        HttpOperationException api => $"API server answered {(int)api.Response.StatusCode} {api.Response.ReasonPhrase}",
        k8s.KubernetesException watch => $"API server sent {watch.Status?.Code} {watch.Status?.Reason}: {watch.Status?.Message}",
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}
