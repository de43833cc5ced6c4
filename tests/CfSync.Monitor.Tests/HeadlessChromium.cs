using System.Diagnostics;

namespace CfSync.Monitor.Tests;

/// <summary>Screenshots of a page by headless Chromium (Debian's <c>chromium</c> package).</summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Chromium's executable on PATH; fails, saying how to install it, when there is none (never skipped).</summary>
    public static string Executable =>
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Headless Chromium is needed to screenshot the Monitor tab and is not installed: apt-get install -y chromium");

    public static async Task<byte[]> ScreenshotAsync(string htmlFile, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("cfsync-chromium-");
        var png = Path.Combine(profile.FullName, "screenshot.png");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-dev-shm-usage",
                         $"--user-data-dir={profile.FullName}", $"--window-size={width},{height}", $"--screenshot={png}", new Uri(htmlFile).AbsoluteUri,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var chromium = Process.Start(start)!;
            var output = chromium.StandardOutput.ReadToEndAsync();
            var errors = chromium.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await chromium.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                chromium.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish the screenshot within {Timeout.TotalSeconds} s.");
            }

            return File.Exists(png)
                ? await File.ReadAllBytesAsync(png)
                : throw new InvalidOperationException($"Chromium exited {chromium.ExitCode} without a screenshot: {await output}{await errors}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
