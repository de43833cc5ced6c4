using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CfSync.Hosting.Dtfx;

/// <summary>
/// Runs the registered Durable Task SDK classes on a DurableTask.Core <see cref="TaskHubWorker"/> over the Azure
/// Storage provider. One start, one stop: create a new host to run again on the same task hub.
/// </summary>
public sealed class DtfxHost : IHostedService, IAsyncDisposable
{
    static readonly TimeSpan ForcedStopGrace = TimeSpan.FromSeconds(5);

    readonly DtfxHostOptions options;
    readonly DtfxTaskRegistry registry;
    readonly IServiceProvider services;
    readonly ILoggerFactory loggerFactory;
    readonly ILogger logger;
    readonly AzureStorageOrchestrationServiceSettings settings;
    readonly AzureStorageOrchestrationService service;
    readonly KillableOrchestrationService workerView;
    readonly SemaphoreSlim gate = new(1, 1);
    TaskHubWorker? worker;
    HostState state;
    int disposed;

    public DtfxHost(DtfxHostOptions options, DtfxTaskRegistry registry, IServiceProvider services, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        DtfxHostOptionsValidator.ThrowIfInvalid(options);
        (this.options, this.registry, this.services) = (options, registry, services);
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        this.logger = this.loggerFactory.CreateLogger<DtfxHost>();
        this.settings = ServiceSettingsFactory.Create(options, this.loggerFactory);
        this.service = new AzureStorageOrchestrationService(this.settings);
        this.workerView = new KillableOrchestrationService(new RedeliveredMessageTolerance(this.service, this.logger));
        this.Client = new DtfxDurableTaskClient(options.TaskHubName, this.service, options.DataConverter, options.ClientPollingInterval);
    }

    enum HostState
    {
        Created,
        Started,
        Stopped,
    }

    /// <summary>Client over this host's task hub; usable before <see cref="StartAsync"/> (work waits for the worker).</summary>
    public DtfxDurableTaskClient Client { get; }

    public string TaskHubName => this.options.TaskHubName;

    /// <summary>Creates the task hub if needed and starts dispatching orchestrations, activities and entities.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await this.gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (this.state != HostState.Created)
            {
                throw new InvalidOperationException($"The host is {this.state}; a host starts once.");
            }

            var elapsed = Stopwatch.StartNew();
            Log.Starting(this.logger, this.TaskHubName, this.settings.WorkerId, this.options.PartitionCount, this.options.MaxQueuePollingInterval.TotalMilliseconds);
            await this.service.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            this.worker = this.CreateWorker();
            await this.worker.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            this.state = HostState.Started;
            Log.Started(this.logger, this.TaskHubName, elapsed.ElapsedMilliseconds);
        }
        finally
        {
            this.gate.Release();
        }
    }

    /// <summary>Stops gracefully: in-flight work items finish. If <paramref name="cancellationToken"/> fires first, the stop is forced.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => this.StopCoreAsync(graceful: true, cancellationToken);

    /// <summary>
    /// Simulates a crashed worker: from now on it cannot complete, renew or abandon anything it holds, nor fetch more.
    /// Its in-flight activities stay invisible in storage until <see cref="DtfxHostOptions.WorkItemQueueVisibilityTimeout"/>
    /// and then run on whichever worker dequeues them next. Unlike a real crash the provider still releases its
    /// partition leases, so another worker takes over its partitions at once instead of after the lease interval.
    /// </summary>
    public Task StopAbruptlyAsync()
    {
        this.workerView.Kill();
        return this.StopCoreAsync(graceful: false, CancellationToken.None);
    }

    /// <summary>Stops gracefully if running, then releases the provider. Idempotent: DI may dispose the host once per registration.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) == 1)
        {
            return;
        }

        await this.StopCoreAsync(graceful: true, CancellationToken.None).ConfigureAwait(false);
        this.worker?.Dispose();
        this.service.Dispose();
        this.gate.Dispose();
    }

    TaskHubWorker CreateWorker()
    {
        var shims = new DurableTaskShimFactory(
            new DurableTaskWorkerOptions { EnableEntitySupport = true, DataConverter = this.options.DataConverter }, this.loggerFactory);
        var created = new TaskHubWorker(this.workerView, this.loggerFactory);
        foreach (TaskRegistration registration in this.registry.Registrations)
        {
            Log.Registered(this.logger, registration.Kind, registration.Name, registration.Type.FullName ?? registration.Type.Name);
            _ = registration.Kind switch
            {
                TaskKind.Orchestrator => created.AddTaskOrchestrations(new OrchestrationCreator(registration, this.services, shims)),
                TaskKind.Activity => created.AddTaskActivities(new ActivityCreator(registration, this.services, shims)),
                TaskKind.Entity => created.AddTaskEntities(new EntityCreator(registration, this.services, this.options.DataConverter, this.logger)),
                _ => throw new InvalidOperationException($"Unknown task kind {registration.Kind}."),
            };
        }

        return created;
    }

    async Task StopCoreAsync(bool graceful, CancellationToken cancellationToken)
    {
        await this.gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (this.state != HostState.Started || this.worker is null)
            {
                this.state = HostState.Stopped;
                return;
            }

            var elapsed = Stopwatch.StartNew();
            Log.Stopping(this.logger, this.TaskHubName, graceful);
            if (graceful)
            {
                Task stopping = this.worker.StopAsync(isForced: false);
                try
                {
                    await stopping.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Log.GracefulStopCancelled(this.logger, this.TaskHubName);
                    this.workerView.Kill();
                    try
                    {
                        // Cut off, the worker holds nothing it could still complete; but its dispatchers may keep
                        // waiting on storage that is gone, so the stop waits a bounded time and then gives up on them.
                        await stopping.WaitAsync(ForcedStopGrace, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        Log.StopAbandoned(this.logger, this.TaskHubName, ForcedStopGrace.TotalMilliseconds);
                    }
                }
            }
            else
            {
                await this.worker.StopAsync(isForced: true).ConfigureAwait(false);
            }

            this.state = HostState.Stopped;
            Log.Stopped(this.logger, this.TaskHubName, elapsed.ElapsedMilliseconds);
        }
        finally
        {
            this.gate.Release();
        }
    }
}
