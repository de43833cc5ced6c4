using System.Text;
using CfSync.Watchers.Changes;

namespace CfSync.Bridge.Queueing;

/// <summary>Packs the oldest waiting changes into one message within <see cref="ChangeMessages.MaxBytes"/> of JSON.</summary>
internal static class MessagePacking
{
    /// <summary>
    /// The longest prefix of <paramref name="take"/>'s changes whose message fits, and its text. One change always fits:
    /// its names are bounded by Kubernetes (at most about 1 KiB of JSON).
    /// </summary>
    public static (OutboxTake Packed, string Message) Pack(OutboxTake take)
    {
        ArgumentNullException.ThrowIfNull(take);
        if (take.Sweep)
        {
            return (take, ChangeMessages.Write(new ChangeBatch([]) { Sweep = true }));
        }

        var count = take.Changes.Count;
        while (true)
        {
            var changes = take.Changes.Take(count).ToList();
            var message = ChangeMessages.Write(new ChangeBatch([.. changes.Select(p => p.Change)]));
            if (Encoding.UTF8.GetByteCount(message) <= ChangeMessages.MaxBytes || count == 1)
            {
                return (take with { Changes = changes }, message);
            }

            count = Math.Max(1, count * ChangeMessages.MaxBytes / Encoding.UTF8.GetByteCount(message));
        }
    }
}
