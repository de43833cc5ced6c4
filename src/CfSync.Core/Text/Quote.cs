using System.Globalization;
using System.Text;

namespace CfSync.Core.Text;

/// <summary>
/// The one way input goes into a message (a reason, an error, a log line): at most <see cref="MaxLength"/>
/// characters of it, then how long it was, so a 20 MB hostname never becomes a 20 MB reason, state or log line.
/// Control characters are escaped, so a value cannot forge lines of a log or codes of a terminal.
/// </summary>
public static class Quote
{
    /// <summary>
    /// Enough for any label, namespace, id or field path a user would recognise; a reason quoting several values
    /// (an IngressClass, its config's namespace and name) stays under 1 KiB.
    /// </summary>
    public const int MaxLength = 100;

    /// <summary>The value itself when short and printable; else its escaped prefix and <c>…(N chars)</c>. Null is "".</summary>
    public static string Of(string? value) => value is null ? string.Empty : IsPlain(value) ? value : Excerpt(value);

    /// <inheritdoc cref="Of(string?)"/>
    public static string Of(ReadOnlySpan<char> value) => IsPlain(value) ? value.ToString() : Excerpt(value);

    private static bool IsPlain(ReadOnlySpan<char> value) =>
        value.Length <= MaxLength && !value.ContainsAnyInRange('\0', '\u001f') && !value.ContainsAnyInRange('\u007f', '\u009f');

    private static string Excerpt(ReadOnlySpan<char> value)
    {
        var length = value.Length <= MaxLength ? value.Length
            : char.IsHighSurrogate(value[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        var builder = new StringBuilder(length + 32);
        foreach (var c in value[..length])
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (length < value.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"…({value.Length} chars)");
        }

        return builder.ToString();
    }
}
