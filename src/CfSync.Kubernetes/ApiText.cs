namespace CfSync.Kubernetes;

/// <summary>Bounds on the text CfSync echoes into the cluster (condition and Event messages, errors).</summary>
internal static class ApiText
{
    /// <summary>Longest message written into a condition, an Event or <c>status.lastError</c>.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>The text, or its first <paramref name="maxLength"/> characters ending in "…" (never half a surrogate pair).</summary>
    public static string Bounded(string text, int maxLength = MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
