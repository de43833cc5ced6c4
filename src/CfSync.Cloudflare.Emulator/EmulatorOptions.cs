namespace CfSync.Cloudflare.Emulator;

/// <summary>How an emulator instance listens and what it accepts.</summary>
public sealed class EmulatorOptions
{
    public const string DefaultToken = "emulator-token";

    /// <summary>0 picks a free loopback port (tests).</summary>
    public int Port { get; set; }

    /// <summary>Accepted bearer tokens; true marks a read-only token (writes answer 403 10000).</summary>
    public IDictionary<string, bool> Tokens { get; } = new Dictionary<string, bool>(StringComparer.Ordinal) { [DefaultToken] = false };

    /// <summary>Requests allowed per token per window before 429 + retry-after + 971 (Cloudflare: 1200 / 5 min).</summary>
    public int RatePermitLimit { get; set; } = 1200;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Off only for long benchmark runs, where an ever-growing journal would measure the GC instead.</summary>
    public bool RecordJournal { get; set; } = true;
}
