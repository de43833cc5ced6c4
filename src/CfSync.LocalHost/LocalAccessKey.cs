using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CfSync.LocalHost;

/// <summary>
/// The key every call to the local API must carry: the configured one, or 32 random bytes (base64url) generated at
/// start and written to <see cref="LocalHostOptions.AccessKeyFile"/> when that is set. Never logged.
/// </summary>
public sealed class LocalAccessKey
{
    private readonly byte[] digest;

    private LocalAccessKey(string key) => digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>True when the key was generated here (and so is known only through the key file).</summary>
    public bool Generated { get; private init; }

    public static LocalAccessKey Create(IOptions<LocalHostOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.AccessKey))
        {
            return new LocalAccessKey(settings.AccessKey);
        }

        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        if (!string.IsNullOrEmpty(settings.AccessKeyFile))
        {
            Write(settings.AccessKeyFile, key);
        }

        return new LocalAccessKey(key) { Generated = true };
    }

    /// <summary>
    /// Compares in constant time: both sides are hashed first, so neither the content nor the length of the key leaks
    /// through timing.
    /// </summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    private static void Write(string path, string key)
    {
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        File.Delete(path); // a file made before keeps its mode; a new one is owner-only
        using var writer = new StreamWriter(path, Encoding.ASCII, file);
        writer.Write(key);
    }
}
