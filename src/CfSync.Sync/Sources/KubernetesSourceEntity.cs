using CfSync.Sync.Client;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CfSync.Sync.Sources;

/// <summary>
/// The durable entity of one Kubernetes source (name <see cref="SourceClient.EntityName"/>, key the source's key): the
/// only way a producer's result enters the engine. Each operation runs the pure <see cref="SourceMachine"/> and carries
/// out its effects: signals to the resource entities, its scheduled self-signal, log lines.
/// </summary>
public sealed partial class KubernetesSourceEntity(IOptions<SyncOptions> options, TimeProvider time, ILogger<KubernetesSourceEntity> logger) : TaskEntity<SourceState>
{
    private readonly SourceMachine machine = new(options.Value);

    /// <summary>The object's whole translation, replacing what the source fed before.</summary>
    public void Apply(SourceTranslation translation)
    {
        ArgumentNullException.ThrowIfNull(translation);
        RequireOwnKey(translation.Source.Key);
        Run(machine.Apply(State, translation, time.GetUtcNow()));
    }

    /// <summary>The object is gone: everything the source fed is unregistered, and a tombstone kept.</summary>
    public void Delete(SourceDeletion deletion)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        RequireOwnKey(deletion.Source.Key);
        Run(machine.Delete(State, deletion, time.GetUtcNow()));
    }

    /// <summary>The tombstone's retention ran out (internal, scheduled by <see cref="Delete"/>).</summary>
    public void Forget(ForgetSignal signal) => Run(SourceMachine.Forget(State, signal));

    public SourceState Get() => State;

    protected override SourceState InitializeState(TaskEntityOperation entityOperation) => new();

    // A delivery for another source (signalled by hand under the wrong key) would mix two objects' feeds.
    private void RequireOwnKey(string sourceKey)
    {
        if (sourceKey != Context.Id.Key)
        {
            throw new ArgumentException($"A delivery for source {sourceKey} reached the entity of {Context.Id.Key}.", nameof(sourceKey));
        }
    }

    private void Run(SourceEffects effects)
    {
        foreach (var signal in effects.Signals)
        {
            Context.SignalEntity(ResourceSyncClient.EntityOf(signal.Resource), signal.Operation, signal.Input);
        }

        foreach (var signal in effects.Scheduled)
        {
            Context.SignalSelf(signal, time.GetUtcNow());
        }

        foreach (var notice in effects.Notices)
        {
            if (notice.Kind == SourceNoticeKind.Unordered)
            {
                DeliveryUnordered(logger, Context.Id.Key, notice.Detail);
            }
            else
            {
                DeliveryIgnored(logger, Context.Id.Key, notice.Detail);
            }
        }

        if (effects.Forget)
        {
            // A null state at the end of an operation deletes the entity.
            State = null!;
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "{Source}: {Detail}")]
    private static partial void DeliveryIgnored(ILogger logger, string source, string detail);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "{Source}: {Detail}")]
    private static partial void DeliveryUnordered(ILogger logger, string source, string detail);
}
