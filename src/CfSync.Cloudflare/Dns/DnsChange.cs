namespace CfSync.Cloudflare.Dns;

/// <summary>The batch endpoint's kinds of write, in the order Cloudflare applies them.</summary>
internal enum DnsChangeKind
{
    Delete,
    Put,
    Post,
}

/// <summary>
/// One write to a zone. <see cref="Unit"/> groups a managed record with its registry entries (they travel in one chunk
/// and fail together); <see cref="Source"/> is who a failure is reported to; <see cref="Description"/> is the drift text.
/// </summary>
internal sealed record DnsChange(DnsChangeKind Kind, string? RecordId, DnsRecordForm? Form, string Unit, string Source, string Description)
{
    public static DnsChange Delete(string recordId, string unit, string source, string description) =>
        new(DnsChangeKind.Delete, recordId, null, unit, source, description);

    public static DnsChange Put(string recordId, DnsRecordForm form, string unit, string source, string description) =>
        new(DnsChangeKind.Put, recordId, form, unit, source, description);

    public static DnsChange Post(DnsRecordForm form, string unit, string source, string description) =>
        new(DnsChangeKind.Post, null, form, unit, source, description);
}
