using Azure.Storage.Queues;
using CfSync.Intake.Benchmarks;
using k8s;

// Runs against a running local stack; scripts/bench-intake.sh starts one and passes every argument.
IntakeBenchmarkOptions options;
try
{
    options = IntakeBenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(IntakeBenchmarkOptions.Usage);
    return 2;
}

using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig));
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var queue = new QueueClient(options.StorageConnection, options.Queue);
var run = new IntakeRun(options, kubernetes, http, queue, TimeProvider.System);
var results = new List<RateResult>();
foreach (var rate in options.Rates)
{
    Console.WriteLine($"Rate {rate} changes/s for {options.LoadDuration.TotalSeconds:F0} s (load average {LoadAverage.Read()})...");
    results.Add(await run.RunAsync(rate, CancellationToken.None));
}

IntakeReport.Write(options, results);
return results.Any(r => r.NeverWritten > 0 || r.Load.Failed > 0) ? 1 : 0;
