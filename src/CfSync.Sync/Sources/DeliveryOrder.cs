using System.Globalization;

namespace CfSync.Sync.Sources;

/// <summary>How a delivery's resourceVersion stands to the last one applied.</summary>
public enum DeliveryStanding
{
    /// <summary>Nothing was applied before, or the revision is greater: apply it.</summary>
    Later,

    /// <summary>The same revision or an earlier one: a duplicate or a stale delivery, ignored.</summary>
    NotLater,

    /// <summary>One of the two is not an integer, and they differ: applied (the watcher read the current object), with a warning.</summary>
    Unordered,
}

/// <summary>
/// Orders deliveries by resourceVersion. The API conventions make it opaque, but every kube-apiserver serves etcd's
/// revision: one integer counter for the whole cluster, so a greater number is a later state. The watchers send the
/// list resourceVersion read before the object (a cluster revision), so re-evaluating a dependent whose own
/// resourceVersion did not change still orders after. A value that does not parse is only compared for equality.
/// </summary>
public static class DeliveryOrder
{
    public static DeliveryStanding Of(string incoming, string? last)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (last is null)
        {
            return DeliveryStanding.Later;
        }

        if (Revision(incoming) is { } next && Revision(last) is { } applied)
        {
            return next > applied ? DeliveryStanding.Later : DeliveryStanding.NotLater;
        }

        return string.Equals(incoming, last, StringComparison.Ordinal) ? DeliveryStanding.NotLater : DeliveryStanding.Unordered;
    }

    private static ulong? Revision(string value) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;
}
