namespace CfSync.Translation.Manifests;

/// <summary>A manifest that cannot be read; the message names the file, the line and (when known) the column.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string file, int line, int column, string message, Exception? innerException = null)
        : base(Format(file, line, column, message), innerException)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string File { get; } = "";

    /// <summary>1-based; 0 when the problem is the file itself.</summary>
    public int Line { get; }

    /// <summary>1-based; 0 when unknown.</summary>
    public int Column { get; }

    private static string Format(string file, int line, int column, string message) =>
        (line, column) switch
        {
            (0, _) => $"{file}: {message}",
            (_, 0) => $"{file}:{line}: {message}",
            _ => $"{file}:{line}:{column}: {message}",
        };
}
