using CfSync.Core.Fragments;

namespace CfSync.Core.Resources;

/// <summary>
/// Which scope a resource has when its sources each know some of it: the account and zone known to the source
/// that wins the conflict order (so the tunnel's own settings source decides), then to the others in that order.
/// </summary>
public static class ScopeChoice
{
    public static ResourceScope Choose(IEnumerable<(SourceFragment Contribution, ResourceScope Scope)> known)
    {
        var ordered = known.OrderBy(k => k.Contribution, ConflictOrder.Instance).Select(k => k.Scope).ToList();
        return new ResourceScope(
            ordered.Select(s => s.AccountId).FirstOrDefault(a => a is not null),
            ordered.Select(s => s.ZoneId).FirstOrDefault(z => z is not null));
    }
}
