using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Emulator;
using CfSync.Cloudflare.Emulator.Contract;
using CfSync.Cloudflare.Emulator.Control;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CfSync.Cloudflare.Tests;

public sealed class AuthAndContractTests
{
    private const string Account = EdgeHarness.Account;

    [Fact]
    public async Task Unknown_token_is_401_and_read_only_write_is_403()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var unknown = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.NewClient("nobody").Zones.ListPageAsync());
        Assert.Equal((HttpStatusCode.Unauthorized, CloudflareErrorCategory.Permanent), (unknown.StatusCode, unknown.Category));
        Assert.True(unknown.HasErrorCode(CloudflareErrorCodes.AuthenticationError));

        var readOnly = edge.NewClient("read-only-token");
        Assert.NotEmpty((await readOnly.Zones.ListPageAsync()).Items);
        var forbidden = await Assert.ThrowsAsync<CloudflareApiException>(() => readOnly.Gateway.CreateAsync(Account, new Models.GatewayRuleRequest("r", "block")));
        Assert.Equal((HttpStatusCode.Forbidden, CloudflareErrorCategory.Permanent), (forbidden.StatusCode, forbidden.Category));
        Assert.Equal(3, edge.Journal.Count);
    }

    [Fact]
    public async Task Malformed_authorization_header_is_6003_with_chain_6111()
    {
        await using var edge = await EdgeHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(edge.Emulator.ApiBaseAddress, "zones"));
        request.Headers.TryAddWithoutValidation("Authorization", "Token abc");
        using var response = await edge.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal((6003, 6111), (error["code"]!.GetValue<int>(), error["error_chain"]![0]!["code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Emulator_rejects_bodies_that_violate_the_subset()
    {
        await using var edge = await EdgeHarness.StartAsync();
        edge.SendsInvalidRequests = true;
        async Task<HttpResponseMessage> Send(HttpMethod method, string path, string body)
        {
            using var request = new HttpRequestMessage(method, new Uri(edge.Emulator.ApiBaseAddress, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultToken);
            return await edge.Http.SendAsync(request);
        }

        using var missingService = await Send(HttpMethod.Put, $"accounts/{Account}/cfd_tunnel/{EdgeHarness.TunnelId}/configurations", """{"config":{"ingress":[{"hostname":"a.example.com"}]}}""");
        using var badIp = await Send(HttpMethod.Post, $"zones/{EdgeHarness.ZoneId}/dns_records", """{"type":"A","name":"a","content":"not-an-ip"}""");
        using var badAction = await Send(HttpMethod.Post, $"accounts/{Account}/gateway/rules", """{"name":"r","action":"explode"}""");
        using var malformed = await Send(HttpMethod.Post, $"accounts/{Account}/teamnet/routes", "{not json");
        Assert.All(new[] { missingService, badIp, badAction, malformed }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(0, (await edge.Client.Tunnels.GetConfigurationAsync(Account, EdgeHarness.TunnelId))!.Version);
    }

    [Fact]
    public async Task Emulator_enforces_its_rate_budget_with_429_retry_after_and_971()
    {
        await using var edge = await EdgeHarness.StartAsync(emulator: o =>
        {
            o.RatePermitLimit = 3;
            o.RateWindow = TimeSpan.FromMinutes(5);
        });
        for (var i = 0; i < 3; i++)
        {
            await edge.Client.Zones.ListPageAsync();
        }

        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => edge.Client.Zones.ListPageAsync());
        Assert.Equal((HttpStatusCode.TooManyRequests, CloudflareErrorCategory.Transient), (error.StatusCode, error.Category));
        Assert.True(error.HasErrorCode(CloudflareErrorCodes.RateLimited));
        Assert.InRange(error.RetryAfter!.Value.TotalSeconds, 290, 300);
    }

    [Fact]
    public async Task Control_client_seeds_injects_reads_journal_and_resets()
    {
        await using var edge = await EdgeHarness.StartAsync();
        var control = edge.Emulator.CreateControlClient(edge.Http);
        var seeded = await control.SeedAsync(new EmulatorSeed { DnsRecords = [new SeedDnsRecord(EdgeHarness.ZoneId, "TXT", "dash.example.com", "made by hand")] });
        await control.InjectFaultAsync(new FaultRule("zones/*/dns_records", "GET", Count: 4, Status: 502));
        await Assert.ThrowsAsync<CloudflareApiException>(() => edge.NewClient().Dns.ListPageAsync(EdgeHarness.ZoneId));
        Assert.Equal(seeded.DnsRecords[0], (await edge.Client.Dns.ListPageAsync(EdgeHarness.ZoneId)).Items.Single().Id);
        var journal = await control.GetJournalAsync();
        Assert.Equal([502, 502, 502, 502, 200], journal.Select(e => e.Status ?? 0));
        Assert.Equal("GET", journal[0].Method);
        Assert.Equal(journal.Skip(3).Select(e => e.Sequence), (await control.GetJournalAsync(after: journal[2].Sequence)).Select(e => e.Sequence));
        Assert.Empty(await control.GetJournalAsync(after: journal[^1].Sequence));
        await control.ResetAsync();
        Assert.Empty(await control.GetJournalAsync());
        Assert.Null(await edge.Client.Tunnels.GetAsync(Account, EdgeHarness.TunnelId));
    }

    [Fact]
    public void Contract_covers_every_operation_the_client_calls()
    {
        var contract = CloudflareContract.Shared;
        Assert.Equal(23, contract.Operations.Count);
        Assert.All(contract.Operations, o => Assert.Contains(o.ResponseStatuses, s => s.StartsWith('4')));
        Assert.NotEmpty(contract.ValidateRequestBody("POST", "/accounts/a/teamnet/routes", JsonNode.Parse("""{"network":"10.0.0.0/8"}""")));
    }

    [Fact]
    public async Task Dependency_injection_validates_options_and_shares_the_registry()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCloudflareClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiToken"] = "di-token",
            ["BaseUrl"] = "http://127.0.0.1:9/client/v4/",
            ["RateBudget:PermitLimit"] = "600",
        }).Build());
        await using var provider = services.BuildServiceProvider();
        var first = provider.GetRequiredService<CloudflareClient>();
        var second = provider.GetRequiredService<CloudflareClient>();
        Assert.Same(first.Edge, second.Edge);
        Assert.Equal(600, first.Edge.Budget.PermitLimit);

        var invalid = new ServiceCollection();
        invalid.AddCloudflareClient(o => o.RateBudget.Window = TimeSpan.Zero);
        await using var invalidProvider = invalid.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => invalidProvider.GetRequiredService<IOptions<CloudflareOptions>>().Value);
    }
}
