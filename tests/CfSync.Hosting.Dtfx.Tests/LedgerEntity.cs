using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Entities;

namespace CfSync.Hosting.Dtfx.Tests;

sealed class LedgerState
{
    public List<int> Items { get; set; } = [];
}

/// <summary>Runs in hand-built batches: each operation changes the state and sends something, so a rollback shows in both.</summary>
sealed class LedgerEntity : TaskEntity<LedgerState>
{
    public static readonly EntityInstanceId Audit = new("auditentity", "all");

    public int Add(int item)
    {
        this.State.Items.Add(item);
        this.Context.SignalEntity(Audit, "Added", item);
        return this.State.Items.Count;
    }

    public async Task<int> AddLater(int item)
    {
        await Task.Yield();
        return this.Add(item);
    }

    /// <summary>Changes the state and sends a signal, then throws: none of it may remain.</summary>
    public void AddThenFail(int item)
    {
        this.Add(item);
        throw new InvalidOperationException($"item {item} refused");
    }

    public void Remind(DateTimeOffset at) => this.Context.SignalEntity(this.Context.Id, nameof(this.Add), -1, new SignalEntityOptions { SignalTime = at });

    public string Start(string instanceId) =>
        this.Context.ScheduleNewOrchestration(nameof(GreetOrchestrator), $"items {this.State.Items.Count}", new StartOrchestrationOptions(instanceId));

    public void Delete() => this.State = null!;
}

/// <summary>The default converter, counting how often it writes an entity state.</summary>
sealed class CountingConverter : DataConverter
{
    public int StateWrites { get; private set; }

    public override string? Serialize(object? value)
    {
        if (value is LedgerState)
        {
            this.StateWrites++;
        }

        return JsonDataConverter.Default.Serialize(value);
    }

    public override object? Deserialize(string? data, Type targetType) => JsonDataConverter.Default.Deserialize(data, targetType);
}
