namespace CfSync.Kubernetes.DevCluster;

/// <summary>The faults a test has injected and not yet removed; the first one matching a request answers it.</summary>
internal sealed class InjectedFaults
{
    private readonly Lock _gate = new();
    private readonly List<ApiFault> _faults = [];

    public IDisposable Add(ApiFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _ = ApiStatusException.ReasonFor(fault.StatusCode);
        lock (_gate)
        {
            _faults.Add(fault);
        }

        return new Removal(this, fault);
    }

    public ApiFault? Find(ApiRequest request)
    {
        lock (_gate)
        {
            return _faults.FirstOrDefault(f => f.Matches(request));
        }
    }

    private void Remove(ApiFault fault)
    {
        lock (_gate)
        {
            _faults.Remove(fault);
        }
    }

    private sealed class Removal(InjectedFaults faults, ApiFault fault) : IDisposable
    {
        public void Dispose() => faults.Remove(fault);
    }
}
