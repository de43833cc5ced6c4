using CfSync.Sync.Sources;
using CfSync.Watchers.Watching;

namespace CfSync.Watchers.Tests;

/// <summary>The signals a watcher sent, in order; <see cref="OnDelete"/> runs as a deletion is signalled.</summary>
internal sealed class RecordingSignals : ISourceSignals
{
    public List<object> Sent { get; } = [];

    public Func<SourceDeletion, Task>? OnDelete { get; set; }

    public IEnumerable<SourceTranslation> Applied => Sent.OfType<SourceTranslation>();

    public IEnumerable<SourceDeletion> Deleted => Sent.OfType<SourceDeletion>();

    public Task ApplyAsync(SourceTranslation translation, CancellationToken cancellationToken)
    {
        Sent.Add(translation);
        return Task.CompletedTask;
    }

    public async Task DeleteAsync(SourceDeletion deletion, CancellationToken cancellationToken)
    {
        if (OnDelete is { } onDelete)
        {
            await onDelete(deletion);
        }

        Sent.Add(deletion);
    }
}

/// <summary>A fixed list of source entities for the sweep.</summary>
internal sealed class FixedSources(params KnownSource[] sources) : IKnownSources
{
    public async IAsyncEnumerable<KnownSource> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            await Task.Yield();
            yield return source;
        }
    }
}
