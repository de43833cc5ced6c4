using System.Text.Json;

namespace CfSync.Watchers.Changes;

/// <summary>
/// The queue message format both ends share: a <see cref="ChangeBatch"/> as camelCase JSON. Azure Storage takes at most
/// 64 KiB per message, and the Functions queue trigger expects it Base64-encoded (its default): the bridge sends
/// through a queue client with Base64 encoding and keeps each message under <see cref="MaxBytes"/> of JSON.
/// </summary>
public static class ChangeMessages
{
    /// <summary>48 KiB of JSON is 64 KiB in Base64.</summary>
    public const int MaxBytes = 48 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    public static string Write(ChangeBatch batch) => JsonSerializer.Serialize(batch, Json);

    /// <summary>The batch a message holds.</summary>
    /// <exception cref="FormatException">The message is not a change batch (the queue's host moves it to the poison queue).</exception>
    public static ChangeBatch Read(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > MaxBytes)
        {
            throw new FormatException($"A change message is at most {MaxBytes} bytes; this one has {message.Length}.");
        }

        try
        {
            return JsonSerializer.Deserialize<ChangeBatch>(message, Json) is { Changes: not null } batch && batch.Changes.All(c => c is not null)
                ? batch
                : throw new FormatException("A change message must be an object with a 'changes' list.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not a change message: {e.Message}", e);
        }
    }
}
