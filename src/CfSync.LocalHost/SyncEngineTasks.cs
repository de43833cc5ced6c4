using CfSync.Hosting.Dtfx;
using CfSync.Sync;

namespace CfSync.LocalHost;

/// <summary>The engine's tasks (<see cref="EngineCatalog"/>) for DTFx, under the names the Functions app gives its triggers.</summary>
public static class SyncEngineTasks
{
    public static DtfxTaskRegistry Register(DtfxTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var task in EngineCatalog.Tasks)
        {
            registry.Add(Kind(task.Kind), task.Type, task.Name);
        }

        return registry;
    }

    private static TaskKind Kind(EngineTaskKind kind) => kind switch
    {
        EngineTaskKind.Entity => TaskKind.Entity,
        EngineTaskKind.Orchestrator => TaskKind.Orchestrator,
        EngineTaskKind.Activity => TaskKind.Activity,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a task kind"),
    };
}
