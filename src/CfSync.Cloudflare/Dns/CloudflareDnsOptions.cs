namespace CfSync.Cloudflare.Dns;

/// <summary>How DNS records are written (section <c>Cloudflare:Dns</c>).</summary>
public sealed class CloudflareDnsOptions
{
    /// <summary>Most operations in one <c>dns_records/batch</c> call (the free plan allows 200).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long the account's zone list is trusted before it is read again.</summary>
    public TimeSpan ZoneCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    public override string ToString() => $"BatchSize={BatchSize}, ZoneCacheTtl={ZoneCacheTtl}";
}
