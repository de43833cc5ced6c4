using System.Globalization;

namespace CfSync.Intake.Benchmarks;

/// <summary>What one benchmark run targets and how hard it pushes; read from the command line and the environment.</summary>
internal sealed record IntakeBenchmarkOptions(
    string Kubeconfig,
    string StorageConnection,
    string Queue,
    Uri Emulator,
    Uri BridgeMetrics,
    string OutputFolder,
    IReadOnlyList<int> Rates,
    TimeSpan LoadDuration,
    TimeSpan SettleLimit)
{
    // The sample cluster's edge tunnel takes Ingresses of this class; this Service and port exist in samples/cluster.
    public const string Namespace = "shop";
    public const string IngressClass = "cloudflare-tunnel";
    public const string Service = "storefront";
    public const int ServicePort = 8080;

    public const string Usage =
        "usage: CfSync.Intake.Benchmarks --emulator URL --bridge URL --out DIR [--rates 10,100] [--seconds 30] [--settle 180] [--queue cfsync-changes]\n" +
        "environment: KUBECONFIG (the cluster), CFSYNC_STORAGE_CONNECTION (the queue's storage account)";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    public static IntakeBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Argument '{args[i]}' is not '--name value'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) && value.Length > 0
            ? value : throw new ArgumentException($"--{name} is required.");
        string Environment(string name) => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value : throw new ArgumentException($"The environment variable {name} is required.");
        Uri Url(string name) => Uri.TryCreate(Required(name), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url : throw new ArgumentException($"--{name} must be an http(s) URL.");
        int Positive(string name, string fallback) =>
            int.TryParse(values.GetValueOrDefault(name, fallback), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"--{name} must be a positive integer.");

        var rates = values.GetValueOrDefault("rates", "10,100").Split(',')
            .Select(r => int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1000
                ? n : throw new ArgumentException($"--rates: '{r}' is not a rate between 1 and 1000 changes/s."))
            .ToArray();
        var unknown = values.Keys.Except(["emulator", "bridge", "out", "rates", "seconds", "settle", "queue"]).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown argument --{unknown[0]}.");
        }

        return new IntakeBenchmarkOptions(
            Environment("KUBECONFIG"),
            Environment("CFSYNC_STORAGE_CONNECTION"),
            values.GetValueOrDefault("queue", "cfsync-changes"),
            Url("emulator"),
            Url("bridge"),
            Required("out"),
            rates,
            TimeSpan.FromSeconds(Positive("seconds", "30")),
            TimeSpan.FromSeconds(Positive("settle", "180")));
    }
}
