using CfSync.Sync.Sources;
using CfSync.Watchers.Watching;

namespace CfSync.Watchers.Tests;

/// <summary>
/// The signals a watcher sent, in order (safe to read while a listener's thread adds to them); <see cref="OnDelete"/>
/// runs as a deletion is signalled.
/// </summary>
internal sealed class RecordingSignals : ISourceSignals
{
    private readonly List<object> _sent = [];

    public IReadOnlyList<object> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Func<SourceDeletion, Task>? OnDelete { get; set; }

    public IEnumerable<SourceTranslation> Applied => Sent.OfType<SourceTranslation>();

    public IEnumerable<SourceDeletion> Deleted => Sent.OfType<SourceDeletion>();

    public void Clear()
    {
        lock (_sent)
        {
            _sent.Clear();
        }
    }

    public Task ApplyAsync(SourceTranslation translation, CancellationToken cancellationToken)
    {
        Add(translation);
        return Task.CompletedTask;
    }

    public async Task DeleteAsync(SourceDeletion deletion, CancellationToken cancellationToken)
    {
        if (OnDelete is { } onDelete)
        {
            await onDelete(deletion);
        }

        Add(deletion);
    }

    private void Add(object signal)
    {
        lock (_sent)
        {
            _sent.Add(signal);
        }
    }
}

/// <summary>A fixed list of source entities for the sweep.</summary>
internal sealed class FixedSources(params TrackedSource[] sources) : IKnownSources
{
    public async IAsyncEnumerable<TrackedSource> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            await Task.Yield();
            yield return source;
        }
    }
}
