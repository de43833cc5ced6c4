using CfSync.Core.Resources;
using Microsoft.Extensions.Logging;

namespace CfSync.Kubernetes;

/// <summary>
/// The writes that mirror one report into the cluster, each on its own. A write the API server refuses for good
/// (<see cref="ApiFailureKind.Refused"/>: 400, 403, 404, 405, 413, 415, 422) is logged with its target and the code,
/// and skipped. A transient failure is logged and remembered, the other writes go on, and <see cref="ThrowIfAnyFailed"/>
/// then throws one <see cref="StatusMirrorException"/> so that the engine mirrors again later. After a failure that says
/// the server cannot serve us at all (<see cref="ApiFailureKind.Unavailable"/>) the remaining writes are not tried:
/// each would wait for the same refusal or timeout.
/// </summary>
internal sealed partial class StatusWrites(ILogger logger, ResourceIdentity resource)
{
    // The exception names this many failures; the log has each of them.
    private const int NamedFailures = 3;

    private readonly List<string> _failures = [];
    private ApiFailure? _unavailable;
    private int _notTried;

    /// <summary>
    /// Runs one write. <paramref name="target"/> is what it writes to (a source key, a CloudflareSyncState name),
    /// <paramref name="write"/> which part (condition, event, spec, status, ...); both only go into logs and errors.
    /// Returns how it failed, or null when it went through.
    /// </summary>
    public async Task<ApiFailure?> RunAsync(string target, string write, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_unavailable is not null)
        {
            _notTried++;
            return _unavailable;
        }

        try
        {
            await action(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception error) when (ApiFailure.Of(error, cancellationToken) is { } failure)
        {
            switch (failure.Kind)
            {
                case ApiFailureKind.Refused when failure.StatusCode == 404:
                    WriteFoundNothing(logger, resource, target, write, failure.Detail);
                    break;
                case ApiFailureKind.Refused:
                    WriteRefused(logger, resource, target, write, failure.StatusCode, failure.Detail);
                    break;
                default:
                    WriteFailed(logger, resource, target, write, failure.StatusCode, failure.Detail);
                    _failures.Add($"{target} {write}: {failure.Detail}");
                    if (failure.Kind == ApiFailureKind.Unavailable)
                    {
                        _unavailable = failure;
                    }

                    break;
            }

            return failure;
        }
    }

    /// <summary>Throws when any write failed transiently or was not tried; refused writes do not count.</summary>
    public void ThrowIfAnyFailed()
    {
        if (_failures.Count == 0)
        {
            return;
        }

        var named = string.Join("; ", _failures.Take(NamedFailures));
        var more = _failures.Count > NamedFailures ? $" and {_failures.Count - NamedFailures} more" : "";
        var stopped = _unavailable is not null ? $"; {_notTried} writes not tried while the API server cannot serve us" : "";
        throw new StatusMirrorException($"Mirroring {resource} to Kubernetes failed for now: {named}{more}{stopped}. Retry later.");
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Resource}: {Write} of {Target} skipped, the API server found nothing there (deleted meanwhile, or the kind is not served): {Detail}")]
    private static partial void WriteFoundNothing(ILogger logger, ResourceIdentity resource, string target, string write, string detail);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Resource}: {Write} of {Target} refused by the API server ({StatusCode}) and skipped: {Detail}")]
    private static partial void WriteRefused(ILogger logger, ResourceIdentity resource, string target, string write, int? statusCode, string detail);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "{Resource}: {Write} of {Target} failed for now ({StatusCode}), the mirror will be retried: {Detail}")]
    private static partial void WriteFailed(ILogger logger, ResourceIdentity resource, string target, string write, int? statusCode, string detail);
}
