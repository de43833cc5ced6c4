using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CfSync.Hosting.Dtfx;

/// <summary>The Durable Task SDK classes a host runs. Instances are created through the host's service provider.</summary>
public sealed class DtfxTaskRegistry
{
    readonly Dictionary<(TaskKind, string), TaskRegistration> registrations = [];

    public IReadOnlyCollection<TaskRegistration> Registrations => this.registrations.Values;

    /// <summary>Adds an orchestrator under <paramref name="name"/>, its [DurableTask] name, or its class name.</summary>
    public DtfxTaskRegistry AddOrchestrator<TOrchestrator>(string? name = null)
        where TOrchestrator : class, ITaskOrchestrator =>
        this.Add(TaskKind.Orchestrator, typeof(TOrchestrator), name);

    /// <summary>Adds an activity under <paramref name="name"/>, its [DurableTask] name, or its class name.</summary>
    public DtfxTaskRegistry AddActivity<TActivity>(string? name = null)
        where TActivity : class, ITaskActivity =>
        this.Add(TaskKind.Activity, typeof(TActivity), name);

    /// <summary>
    /// Adds an entity. The name is lower-cased: the SDK lower-cases entity ids and the DTFx lookup is case-sensitive,
    /// so a mixed-case registration would never match and its messages would be retried forever.
    /// </summary>
    public DtfxTaskRegistry AddEntity<TEntity>(string? name = null)
        where TEntity : class, ITaskEntity =>
        this.Add(TaskKind.Entity, typeof(TEntity), name);

    /// <summary>Adds an SDK class of <paramref name="kind"/> (for a host that lists its tasks as data); the name as above.</summary>
    public DtfxTaskRegistry Add(TaskKind kind, Type type, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type contract = kind switch
        {
            TaskKind.Orchestrator => typeof(ITaskOrchestrator),
            TaskKind.Activity => typeof(ITaskActivity),
            _ => typeof(ITaskEntity),
        };
        if (!type.IsClass || !contract.IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type} is not an {contract.Name} class.", nameof(type));
        }

        string resolved = name ?? type.GetCustomAttribute<DurableTaskAttribute>()?.Name.Name ?? type.Name;
        ArgumentException.ThrowIfNullOrWhiteSpace(resolved, nameof(name));
        if (kind == TaskKind.Entity)
        {
            resolved = resolved.ToLowerInvariant();
        }

        if (!this.registrations.TryAdd((kind, resolved), new TaskRegistration(kind, resolved, type)))
        {
            throw new InvalidOperationException($"A {kind} named '{resolved}' is already registered.");
        }

        return this;
    }
}

public enum TaskKind
{
    Orchestrator,
    Activity,
    Entity,
}

/// <summary>One registered SDK class and the name DTFx dispatches it under.</summary>
public sealed record TaskRegistration(TaskKind Kind, string Name, Type Type);
