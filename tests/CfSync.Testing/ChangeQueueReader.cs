using Azure.Storage.Queues;
using CfSync.Watchers.Changes;

namespace CfSync.Testing;

/// <summary>Reads a test's change queue on Azurite the way the Functions trigger does (Base64), keeping every message.</summary>
public sealed class ChangeQueueReader
{
    private readonly QueueClient _queue;
    private readonly List<string> _raw = [];

    public ChangeQueueReader(string queueName)
    {
        QueueName = queueName;
        _queue = new QueueClient(Azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    }

    public string QueueName { get; }

    /// <summary>Every message's text (the JSON), in the order received.</summary>
    public IReadOnlyList<string> Raw => _raw;

    public IReadOnlyList<ChangeBatch> Batches => [.. _raw.Select(ChangeMessages.Read)];

    public IReadOnlyList<ObjectChange> Changes => [.. Batches.SelectMany(b => b.Changes)];

    /// <summary>Takes what the queue holds now.</summary>
    public async Task DrainAsync()
    {
        if (!await _queue.ExistsAsync())
        {
            return;
        }

        while (true)
        {
            var received = (await _queue.ReceiveMessagesAsync(32)).Value;
            if (received.Length == 0)
            {
                return;
            }

            foreach (var message in received)
            {
                _raw.Add(message.MessageText);
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>Polls until a received change matches.</summary>
    public async Task<ObjectChange> WaitForAsync(Func<ObjectChange, bool> match, string what)
    {
        ObjectChange? found = null;
        await Eventually.TrueAsync(async () =>
        {
            await DrainAsync();
            found = Changes.LastOrDefault(match);
            return found is not null;
        }, TimeSpan.FromSeconds(30), what);
        return found!;
    }

    public async Task WaitForSweepsAsync(int count) =>
        await Eventually.TrueAsync(async () =>
        {
            await DrainAsync();
            return Batches.Count(b => b.Sweep) >= count;
        }, TimeSpan.FromSeconds(30), $"{count} sweep messages");
}
