using CfSync.Hosting.Dtfx;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace CfSync.Hosting.Dtfx.Tests;

// Small SDK classes the tests run on the real backend. Entity state types are PascalCase classes, as the
// shims persist them (case-sensitive JSON).

static class TestTasks
{
    public static void Register(DtfxTaskRegistry registry) => registry
        .AddOrchestrator<GreetOrchestrator>()
        .AddOrchestrator<ApprovalOrchestrator>()
        .AddOrchestrator<DoubleAndReportOrchestrator>()
        .AddOrchestrator<GatedOrchestrator>()
        .AddActivity<GreetActivity>()
        .AddActivity<DoubleActivity>()
        .AddActivity<GateActivity>()
        .AddEntity<CounterEntity>()
        .AddEntity<AlarmEntity>()
        .AddEntity<JobEntity>();
}

/// <summary>A DI dependency of <see cref="GreetActivity"/>: proves activities are built through the service provider.</summary>
sealed record Greeting(string Prefix);

sealed class GreetActivity(Greeting greeting) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"{greeting.Prefix}, {input}!");
}

sealed class GreetOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(GreetActivity), input);
}

sealed class ApprovalOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus($"waiting for {input}");
        string answer = await context.WaitForExternalEvent<string>("approval");
        return $"{input}: {answer}";
    }
}

sealed class DoubleActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * 2);
}

sealed record JobRequest(string Key, int Value);

/// <summary>Started by <see cref="JobEntity"/>; reports its result back to the entity with a signal.</summary>
sealed class DoubleAndReportOrchestrator : TaskOrchestrator<JobRequest, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, JobRequest input)
    {
        int doubled = await context.CallActivityAsync<int>(nameof(DoubleActivity), input.Value);
        await context.Entities.SignalEntityAsync(new EntityInstanceId(nameof(JobEntity), input.Key), nameof(JobEntity.Done), doubled);
        return doubled;
    }
}

sealed class CounterState
{
    public int Count { get; set; }

    public List<int> Seen { get; set; } = [];
}

sealed class CounterEntity : TaskEntity<CounterState>
{
    public void Add(int id)
    {
        this.State.Count++;
        this.State.Seen.Add(id);
    }

    /// <summary>Takes <paramref name="milliseconds"/> the first time (nothing seen yet), at once when delivered again.</summary>
    public async Task AddSlowlyOnce(int milliseconds)
    {
        if (this.State.Count == 0)
        {
            await Task.Delay(milliseconds);
        }

        this.Add(milliseconds);
    }
}

sealed class AlarmState
{
    public int Token { get; set; }

    public DateTimeOffset ArmedAt { get; set; }

    public DateTimeOffset? FiredAt { get; set; }

    public int Fires { get; set; }
}

/// <summary>Debounce-style self-signal: only the signal carrying the current token counts (signals may fire early).</summary>
sealed class AlarmEntity : TaskEntity<AlarmState>
{
    public void Arm(int delayMs)
    {
        this.State.Token++;
        this.State.ArmedAt = DateTimeOffset.UtcNow;
        this.Context.SignalEntity(
            this.Context.Id, nameof(this.Fire), this.State.Token, new SignalEntityOptions { SignalTime = this.State.ArmedAt.AddMilliseconds(delayMs) });
    }

    public void Fire(int token)
    {
        if (token == this.State.Token)
        {
            this.State.FiredAt = DateTimeOffset.UtcNow;
            this.State.Fires++;
        }
    }
}

sealed class JobState
{
    public string? InstanceId { get; set; }

    public int? Result { get; set; }
}

sealed class JobEntity : TaskEntity<JobState>
{
    public void Start(int value) =>
        this.State.InstanceId = this.Context.ScheduleNewOrchestration(nameof(DoubleAndReportOrchestrator), new JobRequest(this.Context.Id.Key, value));

    public void Done(int result) => this.State.Result = result;
}

/// <summary>Per-host control of <see cref="GateActivity"/>: lets a test hold an activity in flight, then crash its worker.</summary>
sealed class GateControl(string workerName, Task release)
{
    int calls;

    public string WorkerName => workerName;

    public Task Release => release;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls => Volatile.Read(ref this.calls);

    public void Enter()
    {
        Interlocked.Increment(ref this.calls);
        this.Entered.TrySetResult();
    }
}

sealed class GateActivity(GateControl gate) : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        gate.Enter();
        await gate.Release;
        return $"{input} via {gate.WorkerName}";
    }
}

/// <summary>Makes progress (one activity), then waits in <see cref="GateActivity"/>, where the crash test kills its worker.</summary>
sealed class GatedOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        string greeted = await context.CallActivityAsync<string>(nameof(GreetActivity), input);
        return await context.CallActivityAsync<string>(nameof(GateActivity), greeted);
    }
}
