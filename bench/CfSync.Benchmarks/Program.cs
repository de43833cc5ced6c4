using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CfSync.Benchmarks.TunnelAggregationBenchmarks).Assembly).Run(args);
