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

    /// <summary>The reasons joined with "; ", bounded as <see cref="Bounded"/>, without building more than the bound.</summary>
    public static string Join(IEnumerable<string> reasons, int maxLength = MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var joined = new System.Text.StringBuilder();
        foreach (var reason in reasons)
        {
            if (joined.Length > 0)
            {
                joined.Append("; ");
            }

            joined.Append(reason, 0, Math.Min(reason.Length, maxLength + 1));
            if (joined.Length > maxLength)
            {
                break;
            }
        }

        return Bounded(joined.ToString(), maxLength);
    }
}
