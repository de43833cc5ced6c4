using System.Text;
using CfSync.Bridge.Leadership;

namespace CfSync.Bridge.Health;

/// <summary>
/// /healthz (the process serves: liveness), /readyz (<see cref="BridgeStatus.Ready"/>, with each kind's state in the
/// body) and /metrics (Prometheus text).
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (BridgeStatus status, LeaseOptions lease) =>
        {
            var body = new StringBuilder(status.Leading ? "leader\n" : "standby\n");
            foreach (var (kind, state) in status.Kinds())
            {
                body.Append(System.Globalization.CultureInfo.InvariantCulture, $"{kind} {state}\n");
            }

            return Results.Text(body.ToString(), statusCode: status.Ready(lease.Duration) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", (BridgeMetrics metrics) => Results.Text(metrics.ToPrometheusText(), "text/plain; version=0.0.4"));
    }
}
