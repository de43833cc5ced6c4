using System.Globalization;

namespace CfSync.Comparison.Benchmarks;

/// <summary>
/// What scripts/bench-compare.sh started and where the run writes. The stack's processes are read from run-local.sh's
/// run folder (<c>localhost.pid</c>, <c>bridge.pid</c>, <c>emulator.pid</c>, <c>cluster.pid</c>).
/// </summary>
internal sealed record ComparisonOptions(
    Uri Emulator,
    string Kubeconfig,
    string BaselineKubeconfig,
    IReadOnlyList<string> BaselineTokens,
    string StorageConnection,
    string RunDirectory,
    string OutputDirectory,
    string ReportDirectory,
    string Command,
    DateTimeOffset Started,
    bool Smoke,
    IReadOnlySet<string> Families)
{
    /// <summary>The scenario families in the order a run takes them; <c>--only</c> picks some of them.</summary>
    public static readonly IReadOnlyList<string> AllFamilies = ["chaos", "race", "burst", "scale", "sustained"];

    /// <summary>CfSync's token in the emulator (run-local.sh's default).</summary>
    public const string CfSyncToken = "emulator-token";

    /// <summary>The bridge's change queue (CfSync:Bridge:Queue's default).</summary>
    public const string ChangeQueue = "cfsync-changes";

    public const string Usage =
        "usage: CfSync.Comparison.Benchmarks --emulator URL --kubeconfig FILE --baseline-kubeconfig FILE --baseline-tokens T1,T2,... " +
        "--storage CONNECTION --run-dir DIR --out DIR --report DIR --command TEXT --started UNIX_SECONDS [--smoke] [--only FAMILY,...]\n" +
        "   or: CfSync.Comparison.Benchmarks --report-only RESULTS.json --report DIR";

    private int baselineTokensTaken;

    public Uri EmulatorApi => new(Emulator, "client/v4/");

    /// <summary>
    /// A token no earlier baseline run used: Cloudflare counts requests per token, so each baseline run starts with a
    /// whole budget of its own, as a fresh deployment of the old operator would, instead of the 429s of the one before.
    /// </summary>
    public string TakeBaselineToken()
    {
        var taken = Interlocked.Increment(ref baselineTokensTaken);
        return taken <= BaselineTokens.Count
            ? BaselineTokens[taken - 1]
            : throw new InvalidOperationException($"Only {BaselineTokens.Count} baseline tokens were given (--baseline-tokens).");
    }

    /// <summary>run-local's host's environment (/proc); it holds secrets: never logged.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment() =>
        File.ReadAllText($"/proc/{ProcessId("localhost").ToString(CultureInfo.InvariantCulture)}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(variable => variable.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>run-local's host's task hub (LocalEngineServices: CfSync:Dtfx:TaskHubName, else CfSync:TaskHub, else CfSync).</summary>
    public string TaskHub()
    {
        var environment = HostEnvironment();
        return environment.GetValueOrDefault("CfSync__Dtfx__TaskHubName") ?? environment.GetValueOrDefault("CfSync__TaskHub") ?? "CfSync";
    }

    public int ProcessId(string name) =>
        int.Parse(File.ReadAllText(Path.Combine(RunDirectory, $"{name}.pid")).Trim(), CultureInfo.InvariantCulture);

    public static ComparisonOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var smoke = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--smoke")
            {
                smoke = true;
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required.");

        var families = values.TryGetValue("only", out var only)
            ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : AllFamilies.ToHashSet(StringComparer.Ordinal);
        if (families.Count == 0 || families.Any(f => !AllFamilies.Contains(f)))
        {
            throw new ArgumentException($"--only takes families from {string.Join(", ", AllFamilies)}; got '{only}'.");
        }

        var emulator = Required("emulator");
        return new ComparisonOptions(
            new Uri(emulator.EndsWith('/') ? emulator : emulator + "/"),
            Required("kubeconfig"),
            Required("baseline-kubeconfig"),
            Required("baseline-tokens").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Required("storage"),
            Required("run-dir"),
            Required("out"),
            Required("report"),
            Required("command"),
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(Required("started"), CultureInfo.InvariantCulture)),
            smoke,
            families);
    }
}
