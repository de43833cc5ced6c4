namespace CfSync.Translation.Manifests;

/// <summary>
/// Manifests that cannot be used: every problem found (at most <see cref="ManifestLimits.MaxProblems"/>), each
/// naming the file, the document, the line and, when known, the object and the field. The message lists them one
/// per line.
/// </summary>
public sealed class ManifestException : Exception
{
    public ManifestException(IReadOnlyList<ManifestProblem> problems, bool truncated = false)
        : base(Format(problems, truncated))
    {
        Problems = problems;
        Truncated = truncated;
    }

    public ManifestException(ManifestProblem problem)
        : this([problem])
    {
    }

    /// <summary>Never empty.</summary>
    public IReadOnlyList<ManifestProblem> Problems { get; }

    /// <summary>More problems were found than are listed: reading stopped at <see cref="ManifestLimits.MaxProblems"/>.</summary>
    public bool Truncated { get; }

    private static string Format(IReadOnlyList<ManifestProblem> problems, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        var lines = string.Join(Environment.NewLine, problems);
        return truncated ? $"{lines}{Environment.NewLine}(reading stopped after {problems.Count} problems)" : lines;
    }
}
