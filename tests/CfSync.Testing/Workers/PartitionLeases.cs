using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CfSync.Testing.Workers;

/// <summary>
/// Who owns which control-queue partition of a task hub, read from the Azure Storage provider's own lease store. With
/// the provider's default (blob) partition manager, as our settings leave it (<c>UseTablePartitionManagement</c> false),
/// each partition is a blob <c>default/{hub}-control-NN</c> in the container <c>{hub}-leases</c>: its JSON names the
/// <c>Owner</c> (the worker id), and the blob lease says whether that owner still holds it; an expired or released
/// lease means nobody owns the partition.
/// </summary>
public static class PartitionLeases
{
    /// <summary>Every partition (control queue name) with the worker holding its lease, or null when none does.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> ReadAsync(string connectionString, string taskHubName)
    {
        var container = new BlobContainerClient(connectionString, $"{taskHubName.ToLowerInvariant()}-leases");
        var owners = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        if (!await container.ExistsAsync().ConfigureAwait(false))
        {
            return owners;
        }

        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "default/", CancellationToken.None).ConfigureAwait(false))
        {
            var partition = blob.Name["default/".Length..];
            if (blob.Properties.LeaseState != LeaseState.Leased)
            {
                owners[partition] = null;
                continue;
            }

            var content = await container.GetBlobClient(blob.Name).DownloadContentAsync().ConfigureAwait(false);
            using var lease = JsonDocument.Parse(content.Value.Content.ToMemory());
            owners[partition] = lease.RootElement.TryGetProperty("Owner", out var owner) ? owner.GetString() : null;
        }

        return owners;
    }

    /// <summary>"partition: owner" lines for a report.</summary>
    public static string Describe(IReadOnlyDictionary<string, string?> owners) =>
        string.Join(", ", owners.Select(o => $"{o.Key}: {o.Value ?? "none"}"));
}
