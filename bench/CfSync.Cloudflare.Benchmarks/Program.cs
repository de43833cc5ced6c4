using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CfSync.Cloudflare.Benchmarks.PipelineOverheadBenchmarks).Assembly).Run(args);
