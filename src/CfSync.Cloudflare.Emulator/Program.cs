using System.Globalization;
using CfSync.Cloudflare.Emulator;

// dotnet run --project src/CfSync.Cloudflare.Emulator -- --port 5099 [--token T] [--read-only-token T] [--rate-limit N] [--rate-window-seconds S]
var options = new EmulatorOptions { Port = 5099 };
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    switch (args[i])
    {
        case "--port":
            options.Port = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--token":
            options.Tokens[value] = false;
            break;
        case "--read-only-token":
            options.Tokens[value] = true;
            break;
        case "--rate-limit":
            options.RatePermitLimit = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--rate-window-seconds":
            options.RateWindow = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture));
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}");
            return 2;
    }
}

await using var emulator = await CloudflareEmulator.StartAsync(options, logToConsole: true);
Console.WriteLine($"Cloudflare emulator: API {emulator.ApiBaseAddress} controls {emulator.RootAddress}__emulator/ (default token '{EmulatorOptions.DefaultToken}')");
await emulator.WaitForShutdownAsync();
return 0;
