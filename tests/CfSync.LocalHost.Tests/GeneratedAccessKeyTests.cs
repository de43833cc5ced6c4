using System.Net;
using CfSync.Testing;
using Microsoft.Extensions.Logging;

namespace CfSync.LocalHost.Tests;

/// <summary>Without a configured key, the host makes one, writes it where asked (owner-only) and never logs it.</summary>
public sealed class GeneratedAccessKeyTests
{
    [Fact]
    public async Task A_generated_key_is_written_to_the_key_file_works_and_is_not_logged()
    {
        var directory = Directory.CreateTempSubdirectory("cfsync-key");
        var keyFile = Path.Combine(directory.FullName, "access-key");
        var logs = new CapturedLogs();
        await using var rig = await LocalHostRig.StartAsync(
            accessKey: null,
            settings: [$"--CfSync:LocalHost:AccessKeyFile={keyFile}", "--Logging:LogLevel:Default=Debug"],
            configure: builder => builder.Logging.AddProvider(logs));

        var key = await File.ReadAllTextAsync(keyFile);
        Assert.Equal(43, key.Length); // 32 random bytes, base64url
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/resources/TunnelConfiguration/{Guid.NewGuid()}");
        request.Headers.Add(AccessKeyCheck.HeaderName, key);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.Http.GetAsync(new Uri($"/api/resources/TunnelConfiguration/x?code={LocalHostRig.Key}", UriKind.Relative))).StatusCode);

        Assert.Contains(logs.Entries, e => e.Text.Contains(keyFile, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Text.Contains(key, StringComparison.Ordinal));
        directory.Delete(recursive: true);
    }
}
