using System.Net;
using Azure;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// A state too large for its table row lives in a blob, and each write replaces that blob: a read that finds the row
/// and then fetches the blob can race the replacement and get 404 for a blob that was just deleted. The row read again
/// names the new blob, so such a read is tried again a few times; a 404 that stays is a real one and is thrown.
/// </summary>
static class StateReadRetry
{
    public const int Attempts = 4;

    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    public static async Task<T> RunAsync<T>(Func<Task<T>> read, TimeSpan pause, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(read);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Attempts && IsReplacedBlob(e))
            {
                await Task.Delay(pause * attempt, cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The storage said 404: directly, or inside the provider's (internal) wrapper.</summary>
    public static bool IsReplacedBlob(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is RequestFailedException { Status: (int)HttpStatusCode.NotFound })
            {
                return true;
            }
        }

        return false;
    }
}
