using System.Globalization;
using System.Text.Json.Nodes;
using CfSync.Cloudflare.Models;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// A DNS record in Cloudflare's normal form, so what we want and what Cloudflare holds compare equal when Cloudflare
/// would treat them as the same: names lower-case without trailing dot, hostname-valued content likewise, TXT content
/// without its quotes, proxied records at TTL 1 ("auto"), comments cut to the plan's limit, tags sorted.
/// <see cref="Content"/> is null for types that take their value in <see cref="Data"/> (SRV, CAA, ...).
/// </summary>
internal sealed record DnsRecordForm(
    string Type,
    string Name,
    string? Content,
    int Ttl,
    bool Proxied,
    string? Comment,
    IReadOnlyList<string> Tags,
    int? Priority = null,
    JsonObject? Data = null)
{
    private static readonly string[] HostnameValued = ["CNAME", "NS", "MX", "PTR"];
    private static readonly string[] Proxiable = ["A", "AAAA", "CNAME"];

    public string Key => $"{Type} {Name}";

    public static DnsRecordForm Of(
        string type,
        string name,
        string? content,
        int? ttl,
        bool? proxied,
        string? comment,
        IEnumerable<string>? tags,
        int commentLimit,
        int? priority = null,
        JsonObject? data = null)
    {
        var upper = type.ToUpperInvariant();
        var isProxied = proxied == true && Proxiable.Contains(upper);
        return new DnsRecordForm(
            upper,
            DnsNames.Normalize(name),
            content is null ? null : NormalContent(upper, content),
            isProxied ? 1 : ttl ?? 1,
            isProxied,
            string.IsNullOrEmpty(comment) ? null : comment.Length > commentLimit ? comment[..commentLimit] : comment,
            [.. (tags ?? []).Order(StringComparer.Ordinal)],
            priority,
            data);
    }

    public static DnsRecordForm Of(DnsRecord held, int commentLimit) =>
        Of(held.Type, held.Name, held.Content, held.Ttl, held.Proxied, held.Comment, held.Tags, commentLimit, held.Priority, held.Data);

    /// <summary>
    /// What <paramref name="held"/> has that this form does not, as "field x -> y" (empty when equal). Priority and data
    /// count only when this form sets them (Cloudflare fills them in for some types), content only when it is set.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(DnsRecordForm held)
    {
        ArgumentNullException.ThrowIfNull(held);
        var differences = new List<string>();
        void Compare<T>(string field, T wanted, T actual, bool counts = true)
        {
            if (counts && !EqualityComparer<T>.Default.Equals(wanted, actual))
            {
                differences.Add($"{field} {Show(actual)} -> {Show(wanted)}");
            }
        }

        Compare("type", Type, held.Type);
        Compare("content", Content, held.Content, Content is not null);
        Compare("ttl", Ttl, held.Ttl);
        Compare("proxied", Proxied, held.Proxied);
        Compare("comment", Comment, held.Comment);
        Compare("tags", string.Join(",", Tags), string.Join(",", held.Tags));
        Compare("priority", Priority, held.Priority, Priority is not null);
        if (Data is not null && !JsonNode.DeepEquals(Data, held.Data))
        {
            differences.Add($"data {held.Data?.ToJsonString() ?? "none"} -> {Data.ToJsonString()}");
        }

        return differences;
    }

    public DnsRecordRequest ToRequest() => new(Type, Name, Content, Ttl, Proxied, Comment, Tags, Priority, Data);

    public DnsBatchPut ToPut(string id) => new(id, Type, Name, Content, Ttl, Proxied, Comment, Tags, Priority, Data);

    private static string NormalContent(string type, string content) =>
        HostnameValued.Contains(type) ? DnsNames.Normalize(content)
        : type == "TXT" && content.Length >= 2 && content[0] == '"' && content[^1] == '"' ? content[1..^1]
        : content;

    private static string Show<T>(T value) => value switch
    {
        null => "none",
        string { Length: 0 } => "none",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "none",
    };
}
