using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using CfSync.Cloudflare;
using CfSync.Cloudflare.Emulator;
using CfSync.Cloudflare.Emulator.Control;
using CfSync.Cloudflare.Resilience;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Benchmarks;

/// <summary>
/// Cost of one call through the client (budget, retry, breaker, timeout, envelope parsing, typed result) versus a raw
/// HttpClient GET of the same emulator endpoint. The difference is the pipeline's per-call overhead.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifecycle; GlobalCleanup disposes.")]
public class PipelineOverheadBenchmarks
{
    private const string Account = "699d98642c564d2e855e9661899b7252";
    private const string Tunnel = "f70ff985-a4ef-4643-bbbc-4a0ed4fc8415";

    private CloudflareEmulator emulator = null!;
    private HttpClient http = null!;
    private CloudflareClient client = null!;
    private Uri tunnelUri = null!;
    private HttpClient cannedHttp = null!;
    private CloudflareClient cannedClient = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        // Budgets far above what a run issues, so neither side ever throttles; the budget check itself still runs.
        emulator = await CloudflareEmulator.StartAsync(new EmulatorOptions
        {
            RatePermitLimit = int.MaxValue,
            RateWindow = TimeSpan.FromSeconds(1),
            RecordJournal = false,
        });
        emulator.Seed(new EmulatorSeed { Tunnels = [new SeedTunnel(Account, Tunnel, "bench")] });
        http = new HttpClient();
        var options = new CloudflareOptions { BaseUrl = emulator.ApiBaseAddress, ApiToken = EmulatorOptions.DefaultToken };
        options.RateBudget.PermitLimit = 50_000_000;
        options.RateBudget.Window = TimeSpan.FromSeconds(1);
        client = new CloudflareClient(http, Options.Create(options), new AccountEdgeRegistry());
        tunnelUri = new Uri(emulator.ApiBaseAddress, $"accounts/{Account}/cfd_tunnel/{Tunnel}");

        // The same emulator answer replayed without a socket: isolates the pipeline from loopback and server noise.
        var canned = await RawHttpClient(http);
        cannedHttp = new HttpClient(new CannedResponseHandler(canned));
        var cannedOptions = new CloudflareOptions { BaseUrl = emulator.ApiBaseAddress, ApiToken = "canned-token" };
        cannedOptions.RateBudget.PermitLimit = 50_000_000;
        cannedOptions.RateBudget.Window = TimeSpan.FromSeconds(1);
        cannedClient = new CloudflareClient(cannedHttp, Options.Create(cannedOptions), new AccountEdgeRegistry());
    }

    [GlobalCleanup]
    public async Task TearDown()
    {
        http.Dispose();
        cannedHttp.Dispose();
        await emulator.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Emulator")]
    public async Task<int> RawHttpClient() => (await RawHttpClient(http)).Length;

    [Benchmark]
    [BenchmarkCategory("Emulator")]
    public async Task<string?> CloudflareClientGetTunnel() => (await client.Tunnels.GetAsync(Account, Tunnel))?.Name;

    [Benchmark]
    [BenchmarkCategory("Canned")]
    public async Task<int> RawHttpClientCanned() => (await RawHttpClient(cannedHttp)).Length;

    [Benchmark]
    [BenchmarkCategory("Canned")]
    public async Task<string?> CloudflareClientCanned() => (await cannedClient.Tunnels.GetAsync(Account, Tunnel))?.Name;

    private async Task<byte[]> RawHttpClient(HttpClient through)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, tunnelUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultToken);
        using var response = await through.SendAsync(request);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private sealed class CannedResponseHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
