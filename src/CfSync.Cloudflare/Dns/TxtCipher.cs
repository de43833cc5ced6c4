using System.Security.Cryptography;
using System.Text;

namespace CfSync.Cloudflare.Dns;

/// <summary>
/// Encrypts the TXT registry's content with AES-256-GCM so a zone's readers learn nothing about the cluster. Text form:
/// <c>cfsync-aesgcm:&lt;base64(nonce 12 bytes | ciphertext | tag 16 bytes)&gt;</c>. The nonce is the first 12 bytes of
/// HMAC-SHA256 over the plaintext, keyed with a nonce key derived from the key (HMAC-SHA256(key, "cfsync/txt-nonce")):
/// the same marker always encrypts to the same text, so a sync never rewrites an unchanged TXT, and two different
/// markers never share a nonce (short of an HMAC collision).
/// </summary>
internal sealed class TxtCipher
{
    public const string Prefix = "cfsync-aesgcm:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;

    private readonly byte[] key;
    private readonly byte[] nonceKey;

    public TxtCipher(string base64Key)
    {
        key = Convert.FromBase64String(base64Key);
        if (key.Length != KeySize)
        {
            throw new ArgumentException("The TXT encryption key must be 32 bytes.", nameof(base64Key));
        }

        nonceKey = HMACSHA256.HashData(key, "cfsync/txt-nonce"u8);
    }

    public static bool IsValidKey(string base64Key)
    {
        var buffer = new byte[KeySize + 3];
        return Convert.TryFromBase64String(base64Key, buffer, out var written) && written == KeySize;
    }

    public string Encrypt(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        HMACSHA256.HashData(nonceKey, plain).AsSpan(0, NonceSize).CopyTo(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length, TagSize));
        return Prefix + Convert.ToBase64String(output);
    }

    /// <summary>The plaintext, or null when the text is not ours to read (not encrypted, or with another key).</summary>
    public string? Decrypt(string text)
    {
        var trimmed = text.Trim('"');
        if (!trimmed.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var buffer = new byte[trimmed.Length];
        if (!Convert.TryFromBase64String(trimmed[Prefix.Length..], buffer, out var length) || length < NonceSize + TagSize)
        {
            return null;
        }

        var sealedBytes = buffer.AsSpan(0, length);
        var plain = new byte[length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, plain.Length), sealedBytes[^TagSize..], plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            // Another installation's key: a marker we cannot read is not ours.
            return null;
        }

        return Encoding.UTF8.GetString(plain);
    }
}
