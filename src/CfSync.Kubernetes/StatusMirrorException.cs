namespace CfSync.Kubernetes;

/// <summary>
/// Some writes of a mirror failed for now (the API server was unreachable, overloaded or answered 5xx): the engine
/// should mirror the report again later. Every write that could run has run; the message names the first failures.
/// </summary>
public sealed class StatusMirrorException : Exception
{
    public StatusMirrorException()
    {
    }

    public StatusMirrorException(string message)
        : base(message)
    {
    }

    public StatusMirrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
