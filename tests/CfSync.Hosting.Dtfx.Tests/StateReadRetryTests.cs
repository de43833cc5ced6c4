using Azure;

namespace CfSync.Hosting.Dtfx.Tests;

public sealed class StateReadRetryTests
{
    private static Task<string> Read(Queue<Exception?> outcomes, List<int> calls)
    {
        calls.Add(calls.Count + 1);
        return outcomes.Dequeue() is { } error ? Task.FromException<string>(error) : Task.FromResult("state");
    }

    private static Task<string> RunAsync(params Exception?[] outcomes)
    {
        var queue = new Queue<Exception?>(outcomes);
        return StateReadRetry.RunAsync(() => Read(queue, []), TimeSpan.Zero, CancellationToken.None);
    }

    [Fact]
    public async Task A_read_that_raced_a_blob_replacement_is_tried_again()
    {
        var queue = new Queue<Exception?>([new RequestFailedException(404, "BlobNotFound"), new InvalidOperationException("wrapped", new RequestFailedException(404, "BlobNotFound")), null]);
        var calls = new List<int>();

        Assert.Equal("state", await StateReadRetry.RunAsync(() => Read(queue, calls), TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public async Task A_404_that_stays_is_thrown_after_the_last_attempt()
    {
        var outcomes = Enumerable.Range(0, StateReadRetry.Attempts).Select(_ => (Exception?)new RequestFailedException(404, "BlobNotFound")).Append(null).ToArray();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => RunAsync(outcomes));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Any_other_failure_is_thrown_at_once()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => RunAsync(new RequestFailedException(503, "busy"), null));
        Assert.Equal(503, error.Status);
    }
}
