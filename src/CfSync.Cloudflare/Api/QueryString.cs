using System.Globalization;
using System.Text;

namespace CfSync.Cloudflare.Api;

/// <summary>Builds the query part of a path, skipping unset filters.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder builder = new();

    public QueryString Add(string name, string? value)
    {
        if (value is not null)
        {
            builder.Append(builder.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryString Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public QueryString Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => builder.ToString();
}
