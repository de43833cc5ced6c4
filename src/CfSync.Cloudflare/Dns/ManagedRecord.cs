namespace CfSync.Cloudflare.Dns;

/// <summary>A record one source wants in a zone, in normal form; <see cref="PreferredId"/> is the id it was last applied as.</summary>
internal sealed record ManagedRecord(DnsRecordForm Desired, string Source, bool Adopt, string? PreferredId = null);
