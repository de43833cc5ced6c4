using Azure;
using Azure.Data.Tables;

namespace CfSync.Testing.Workers;

/// <summary>
/// Who owns which control-queue partition of a task hub, read from the Azure Storage provider's own lease store.
/// DurableTask.AzureStorage 2.11 runs its table partition manager here (its logs say <c>DrainTablePartitionAsync</c>):
/// one row per partition (row key: the control queue's name) in the table <c>{hub}Partitions</c>, with the
/// <c>CurrentOwner</c> (a worker id) and the time its lease <c>ExpiresAt</c> unless renewed. A partition whose lease
/// has expired has no owner.
/// </summary>
public static class PartitionLeases
{
    /// <summary>Every partition with the worker holding an unexpired lease on it, or null when none does.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> ReadAsync(string connectionString, string taskHubName)
    {
        var table = new TableClient(connectionString, $"{taskHubName}Partitions");
        var owners = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow;
        try
        {
            await foreach (var lease in table.QueryAsync<TableEntity>().ConfigureAwait(false))
            {
                var expires = lease.GetDateTimeOffset("ExpiresAt");
                owners[lease.RowKey] = expires > now ? lease.GetString("CurrentOwner") : null;
            }
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // The first worker has not created the table yet: no partition is owned.
        }

        return owners;
    }

    /// <summary>"partition: owner" pairs for a report.</summary>
    public static string Describe(IReadOnlyDictionary<string, string?> owners) =>
        string.Join(", ", owners.Select(o => $"{o.Key[(o.Key.LastIndexOf('-') + 1)..]}: {o.Value ?? "none"}"));
}
