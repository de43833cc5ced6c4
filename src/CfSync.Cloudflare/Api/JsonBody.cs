using System.Text.Json;

namespace CfSync.Cloudflare.Api;

internal static class JsonBody
{
    public static byte[] From<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, CloudflareJson.Options);
}
