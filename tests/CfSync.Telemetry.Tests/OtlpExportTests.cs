using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CfSync.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace CfSync.Telemetry.Tests;

/// <summary>
/// The standard OTEL_ settings turn the exporter on, and what a CfSync meter records reaches an OTLP/HTTP receiver (a
/// listener here, reading the protobuf body as bytes).
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_an_OTLP_endpoint_set_CfSync_meters_are_exported_to_it()
    {
        var port = FreePort();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = Receive(receiver);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCfSyncTelemetry(configuration, "cfsync-test");
        await using var provider = services.BuildServiceProvider();
        var metrics = provider.GetRequiredService<MeterProvider>();

        using var meter = new Meter("CfSync.TelemetryTest");
        meter.CreateCounter<long>("cfsync.telemetry_test.changes").Add(3);
        Assert.True(metrics.ForceFlush(10_000), "the metric reader did not flush");

        var (path, body) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("/v1/metrics", path);
        Assert.Contains("cfsync.telemetry_test.changes", body, StringComparison.Ordinal);
        Assert.Contains("cfsync-test", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_no_exporter_is_registered()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCfSyncTelemetry(configuration, "cfsync-test");
        await using var provider = services.BuildServiceProvider();
        Assert.DoesNotContain(services, d => d.ServiceType.FullName?.Contains("Otlp", StringComparison.Ordinal) == true);
    }

    private static async Task<(string Path, string Body)> Receive(HttpListener receiver)
    {
        while (true)
        {
            var context = await receiver.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.Latin1);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (path == "/v1/metrics")
            {
                return (path, body);
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
