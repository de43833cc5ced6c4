using CfSync.Core.Sources;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;

namespace CfSync.Sync.Sources;

/// <summary>
/// The only way a producer's result enters the engine: a signal to the source's entity (name
/// <see cref="EntityName"/>, key <see cref="Source.Key"/>), which works out what changed for each Cloudflare resource.
/// </summary>
public sealed class SourceClient(DurableTaskClient client)
{
    /// <summary>Entity names are lower-case in the SDK; DTFx looks them up case-sensitively.</summary>
    public const string EntityName = "kubernetessource";

    public static EntityInstanceId EntityOf(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(EntityName, source.Key);
    }

    public Task ApplyAsync(SourceTranslation translation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(translation);
        return client.Entities.SignalEntityAsync(EntityOf(translation.Source), "Apply", translation, cancellation: cancellationToken);
    }

    public Task DeleteAsync(SourceDeletion deletion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        return client.Entities.SignalEntityAsync(EntityOf(deletion.Source), "Delete", deletion, cancellation: cancellationToken);
    }
}
