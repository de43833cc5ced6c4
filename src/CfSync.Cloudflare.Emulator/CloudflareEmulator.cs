using System.Net;
using CfSync.Cloudflare.Emulator.Api;
using CfSync.Cloudflare.Emulator.Contract;
using CfSync.Cloudflare.Emulator.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CfSync.Cloudflare.Emulator;

/// <summary>
/// A running Cloudflare API emulator on 127.0.0.1: the API under /client/v4, test controls under /__emulator.
/// In-process use: <c>await using var emulator = await CloudflareEmulator.StartAsync(new EmulatorOptions());</c>.
/// </summary>
public sealed class CloudflareEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorStore store;
    private readonly EmulatorRateBudget budget;

    private CloudflareEmulator(WebApplication app, EmulatorStore store, EmulatorRateBudget budget, RequestJournal journal, FaultInjector faults, CloudflareContract contract)
    {
        this.app = app;
        this.store = store;
        this.budget = budget;
        Journal = journal;
        Faults = faults;
        Contract = contract;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri RootAddress { get; private set; } = null!;

    /// <summary>http://127.0.0.1:port/client/v4/ (what CloudflareOptions.BaseUrl should be).</summary>
    public Uri ApiBaseAddress => new(RootAddress, "client/v4/");

    public RequestJournal Journal { get; }

    public FaultInjector Faults { get; }

    public CloudflareContract Contract { get; }

    public static async Task<CloudflareEmulator> StartAsync(EmulatorOptions? options = null, bool logToConsole = false, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var contract = CloudflareContract.Shared;
        var time = TimeProvider.System;
        var store = new EmulatorStore(time);
        var budget = new EmulatorRateBudget(options.RatePermitLimit, options.RateWindow, time);
        var journal = new RequestJournal(options.RecordJournal);
        var faults = new FaultInjector();
        var dispatcher = new ApiDispatcher(contract, options, store, budget, journal, faults, time);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        if (!logToConsole)
        {
            builder.Logging.ClearProviders();
        }

        var app = builder.Build();
        var emulator = new CloudflareEmulator(app, store, budget, journal, faults, contract);
        app.Map("/client/v4", api => api.Run(dispatcher.HandleAsync));
        MapControls(app, emulator);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.RootAddress = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    public SeedResult Seed(EmulatorSeed seed) => store.Seed(seed);

    /// <summary>Forgets state, journal, faults and rate counters.</summary>
    public void Reset()
    {
        store.Reset();
        Journal.Clear();
        Faults.Clear();
        budget.Reset();
    }

    public EmulatorControlClient CreateControlClient(HttpClient http) => new(http, RootAddress);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static void MapControls(WebApplication app, CloudflareEmulator emulator)
    {
        var controls = app.MapGroup("/__emulator");
        controls.MapPost("/faults", async (HttpContext ctx) =>
        {
            var rule = await ctx.Request.ReadFromJsonAsync<FaultRule>(ControlJson.Options).ConfigureAwait(false);
            emulator.Faults.Add(rule!);
            return Results.Ok();
        });
        controls.MapDelete("/faults", () =>
        {
            emulator.Faults.Clear();
            return Results.Ok();
        });
        controls.MapGet("/journal", (long? after) => after is < 0
            ? Results.BadRequest("after: must be a sequence number (0 or more)")
            : Results.Json(emulator.Journal.Snapshot(after ?? 0), ControlJson.Options));
        controls.MapDelete("/journal", () =>
        {
            emulator.Journal.Clear();
            return Results.Ok();
        });
        controls.MapPost("/reset", () =>
        {
            emulator.Reset();
            return Results.Ok();
        });
        controls.MapPost("/seed", async (HttpContext ctx) =>
        {
            var seed = await ctx.Request.ReadFromJsonAsync<EmulatorSeed>(ControlJson.Options).ConfigureAwait(false);
            return Results.Json(emulator.Seed(seed!), ControlJson.Options);
        });
    }
}
