using CfSync.Sync.Sources;

namespace CfSync.Watchers.Watching;

/// <summary>Where a watcher's decisions go: the source entities (<see cref="SourceClientSignals"/>).</summary>
public interface ISourceSignals
{
    Task ApplyAsync(SourceTranslation translation, CancellationToken cancellationToken);

    /// <summary>Returns once the signal is durably in the task hub's queue.</summary>
    Task DeleteAsync(SourceDeletion deletion, CancellationToken cancellationToken);
}

/// <summary>The signals as sent to the source entities.</summary>
public sealed class SourceClientSignals(SourceClient client) : ISourceSignals
{
    public Task ApplyAsync(SourceTranslation translation, CancellationToken cancellationToken) => client.ApplyAsync(translation, cancellationToken);

    public Task DeleteAsync(SourceDeletion deletion, CancellationToken cancellationToken) => client.DeleteAsync(deletion, cancellationToken);
}
