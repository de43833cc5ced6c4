using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CfSync.Telemetry;

/// <summary>
/// OpenTelemetry for a CfSync host. Every meter and activity source named <c>CfSync.*</c> is collected (the engine's,
/// the Cloudflare edge's, the bridge's), with HTTP client spans. Nothing leaves the process unless
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: then the OTLP exporter sends, configured by the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> and <c>OTEL_SERVICE_NAME</c> settings.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string Instruments = "CfSync.*";

    public static IOpenTelemetryBuilder AddCfSyncTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithMetrics(metrics => metrics.AddMeter(Instruments))
            .WithTracing(tracing => tracing.AddSource(Instruments).AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.UseOtlpExporter();
        }

        return builder;
    }
}
