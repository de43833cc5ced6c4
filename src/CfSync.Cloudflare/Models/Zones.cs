namespace CfSync.Cloudflare.Models;

public sealed record ZoneAccount(string? Id, string? Name);

public sealed record CloudflareZone(string Id, string Name, string? Status, ZoneAccount? Account, IReadOnlyList<string>? NameServers);

/// <summary>GET /zones filters. Name accepts the API's operators, e.g. "contains:.org".</summary>
public sealed record ZoneQuery(string? Name = null, string? Status = null, string? AccountId = null, string? AccountName = null);
