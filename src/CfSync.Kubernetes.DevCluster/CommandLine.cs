using System.Globalization;

namespace CfSync.Kubernetes.DevCluster;

/// <summary>The program's options: <c>[--port N] [--kubeconfig FILE] [--ready-file FILE] [--verbose]</c>.</summary>
/// <param name="Port">Loopback port; 0 picks a free one.</param>
/// <param name="Kubeconfig">Where to write a kubeconfig for the server (a new file; removed on stop).</param>
/// <param name="ReadyFile">Written with the server's URL once it listens (a new file; removed on stop), for scripts to wait on.</param>
/// <param name="Verbose">Log every request (method, path, Accept, status) to stderr.</param>
internal sealed record CommandLine(int Port, string? Kubeconfig, string? ReadyFile, bool Verbose)
{
    public const string Usage = "usage: CfSync.Kubernetes.DevCluster [--port N (0 = free port; default 0)] [--kubeconfig FILE] [--ready-file FILE] [--verbose]";

    /// <summary>The options, or the error naming the argument that is wrong.</summary>
    public static (CommandLine? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new CommandLine(0, null, null, false);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--verbose")
            {
                options = options with { Verbose = true };
                continue;
            }

            if (name is not ("--port" or "--kubeconfig" or "--ready-file"))
            {
                return (null, $"unknown argument '{name}'");
            }

            if (i + 1 >= args.Count || args[i + 1].Length == 0)
            {
                return (null, $"{name} needs a value");
            }

            var value = args[++i];
            switch (name)
            {
                case "--port" when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535:
                    return (null, $"--port: '{value}' is not a port number (0-65535)");
                case "--port":
                    options = options with { Port = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                // Both files are removed on stop, so an existing one (a user's real kubeconfig) is never taken over.
                case "--kubeconfig" or "--ready-file" when File.Exists(value) || Directory.Exists(value):
                    return (null, $"{name}: '{value}' exists; give a path to a new file (it is removed when the dev cluster stops)");
                case "--kubeconfig":
                    options = options with { Kubeconfig = Path.GetFullPath(value) };
                    break;
                default:
                    options = options with { ReadyFile = Path.GetFullPath(value) };
                    break;
            }
        }

        return (options, null);
    }
}
