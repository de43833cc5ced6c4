using System.Text.Json.Nodes;

namespace CfSync.Cloudflare.Models;

public sealed record DnsRecord(
    string Id,
    string Type,
    string Name,
    string Content,
    bool? Proxied,
    bool? Proxiable,
    int Ttl,
    string? Comment,
    IReadOnlyList<string>? Tags,
    int? Priority,
    string? ZoneId,
    string? ZoneName,
    DateTimeOffset? CreatedOn,
    DateTimeOffset? ModifiedOn,
    JsonObject? Meta,
    JsonObject? Data = null);

/// <summary>
/// Body of POST and PUT (full record). Ttl 1 means automatic. Types such as SRV or CAA take their value in
/// <paramref name="Data"/> instead of <paramref name="Content"/>.
/// </summary>
public sealed record DnsRecordRequest(
    string Type,
    string Name,
    string? Content,
    int Ttl = 1,
    bool? Proxied = null,
    string? Comment = null,
    IReadOnlyList<string>? Tags = null,
    int? Priority = null,
    JsonObject? Data = null);

/// <summary>Body of PATCH: only the fields set are changed.</summary>
public sealed record DnsRecordPatch(
    string? Type = null,
    string? Name = null,
    string? Content = null,
    int? Ttl = null,
    bool? Proxied = null,
    string? Comment = null,
    IReadOnlyList<string>? Tags = null);

public sealed record DnsRecordId(string Id);

public sealed record DnsBatchPatch(
    string Id,
    string? Type = null,
    string? Name = null,
    string? Content = null,
    int? Ttl = null,
    bool? Proxied = null,
    string? Comment = null,
    IReadOnlyList<string>? Tags = null);

public sealed record DnsBatchPut(
    string Id,
    string Type,
    string Name,
    string? Content,
    int Ttl = 1,
    bool? Proxied = null,
    string? Comment = null,
    IReadOnlyList<string>? Tags = null,
    int? Priority = null,
    JsonObject? Data = null);

/// <summary>Applied by Cloudflare in one transaction in the order deletes, patches, puts, posts.</summary>
public sealed record DnsBatchRequest(
    IReadOnlyList<DnsRecordId>? Deletes = null,
    IReadOnlyList<DnsBatchPatch>? Patches = null,
    IReadOnlyList<DnsBatchPut>? Puts = null,
    IReadOnlyList<DnsRecordRequest>? Posts = null);

public sealed record DnsBatchResult(
    IReadOnlyList<DnsRecord>? Deletes,
    IReadOnlyList<DnsRecord>? Patches,
    IReadOnlyList<DnsRecord>? Puts,
    IReadOnlyList<DnsRecord>? Posts);

/// <summary>GET dns_records filters (name and content are exact matches).</summary>
public sealed record DnsRecordQuery(
    string? Type = null,
    string? Name = null,
    string? Content = null,
    bool? Proxied = null,
    string? Comment = null,
    string? Tag = null,
    string? Match = null);
