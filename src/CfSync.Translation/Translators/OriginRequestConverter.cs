using CfSync.Core.Formats;
using CfSync.Core.Text;
using CfSync.Core.Tunnels;
using CfSync.Translation.Models;

namespace CfSync.Translation.Translators;

/// <summary>
/// The CRDs' defaultOriginRequest to the API's originRequest: every field mapped as given (an explicit false
/// overrides a tunnel-level true); Go durations become whole seconds, anything finer is a problem; cloudflared's
/// checks (<see cref="OriginRequestRules"/>) run here, so they name the config's field.
/// </summary>
internal static class OriginRequestConverter
{
    public static Lookup<OriginRequest?> Convert(OriginRequestSpec? spec, string field)
    {
        if (spec is null)
        {
            return new Lookup<OriginRequest?>(null, null);
        }

        var problems = new List<Problem>();
        var converted = new OriginRequest
        {
            BastionMode = spec.BastionMode,
            CaPool = spec.CaPool,
            ConnectTimeout = Seconds(spec.ConnectTimeout, $"{field}.connectTimeout", problems),
            DisableChunkedEncoding = spec.DisableChunkedEncoding,
            Http2Origin = spec.Http2Origin,
            HttpHostHeader = spec.HttpHostHeader,
            KeepAliveConnections = spec.KeepAliveConnections,
            KeepAliveTimeout = Seconds(spec.KeepAliveTimeout, $"{field}.keepAliveTimeout", problems),
            NoTlsVerify = spec.NoTlsVerify,
            OriginServerName = spec.OriginServerName,
            ProxyAddress = spec.ProxyAddress,
            ProxyPort = spec.ProxyPort,
            ProxyType = string.IsNullOrEmpty(spec.ProxyType) ? null : spec.ProxyType,
            TlsTimeout = Seconds(spec.TlsTimeout, $"{field}.tlsTimeout", problems),
        };
        problems.AddRange(OriginRequestRules.Validate(converted).Select(e => new Problem($"{field}.{e.Field}", e.Message)));
        if (problems.Count > 0)
        {
            return problems[0];
        }

        return converted.IsEmpty ? new Lookup<OriginRequest?>(null, null) : converted;
    }

    private static int? Seconds(string? duration, string field, List<Problem> problems)
    {
        if (string.IsNullOrEmpty(duration))
        {
            return null;
        }

        var seconds = GoDuration.ToWholeSeconds(duration);
        if (seconds is null)
        {
            problems.Add(new Problem(field, $"'{Quote.Of(duration)}' is not a whole number of seconds (Cloudflare takes timeouts in seconds, e.g. 30s or 1m)"));
        }

        return seconds;
    }
}
