namespace CfSync.Translation.Manifests;

/// <summary>Collects problems up to <see cref="ManifestLimits.MaxProblems"/>; holding one more tells that reading stopped.</summary>
internal sealed class ManifestProblems
{
    private readonly List<ManifestProblem> problems = [];

    public bool IsFull => problems.Count > ManifestLimits.MaxProblems;

    public void Add(ManifestProblem problem)
    {
        if (!IsFull)
        {
            problems.Add(problem);
        }
    }

    /// <exception cref="ManifestException">Any problem was found.</exception>
    public void ThrowIfAny()
    {
        if (problems.Count > 0)
        {
            throw IsFull ? new ManifestException(problems[..ManifestLimits.MaxProblems], truncated: true) : new ManifestException(problems);
        }
    }
}
