using System.Text.Json.Serialization;

namespace CfSync.Cloudflare;

/// <summary>One item of the envelope's errors[] (auth-header errors nest an error_chain).</summary>
public sealed record CloudflareError(
    int Code,
    string Message,
    [property: JsonPropertyName("error_chain")] IReadOnlyList<CloudflareError>? ErrorChain = null);

/// <summary>Pagination block of list responses.</summary>
public sealed record CloudflareResultInfo(int? Page, int? PerPage, int? Count, int? TotalCount, int? TotalPages);

/// <summary>One page of a list call.</summary>
public sealed record CloudflarePage<T>(IReadOnlyList<T> Items, CloudflareResultInfo? ResultInfo);

/// <summary>Outcome of a DELETE: a missing object is an answer, not an error.</summary>
public enum DeleteOutcome
{
    Deleted,
    NotFound,
}

/// <summary>Codes the client and the engine act on (NOTES.md). Classification uses these, never message text.</summary>
public static class CloudflareErrorCodes
{
    public const int RateLimited = 971;
    public const int InvalidTunnelConfiguration = 1056;
    public const int InvalidRequestHeaders = 6003;
    public const int InvalidAuthorizationHeaderFormat = 6111;
    public const int NoRoute = 7000;
    public const int CouldNotRoute = 7003;
    public const int AuthenticationError = 10000;

    /// <summary>
    /// Access's invalid-request code (<c>access.api.error.invalid_request</c>, HTTP 400), which is also how it refuses an
    /// application whose domain nothing in the account serves yet. The emulator uses it on 404 too (its own choice).
    /// </summary>
    public const int AccessInvalidRequest = 12130;
    public const int DnsRecordDoesNotExist = 81044;
    public const int DnsHostAlreadyExists = 81053;
    public const int DnsIdenticalRecordExists = 81058;
}
