using ClaudeGrains.Benchmarks.Infrastructure;
using ClaudeGrains.Benchmarks.Suites;

// dotnet run -c Release --project tests/ClaudeGrains.Benchmarks -- [suite ...] [--quick] [options]; --help lists them.
var options = BenchmarkOptions.Parse(args, out var usageExitCode);
if (options is null)
{
    return usageExitCode;
}

IBenchmarkSuite[] all =
[
    new WarmTurnSuite(),
    new StreamingSuite(),
    new ColdStartSuite(),
    new ResumeSuite(),
    new MemorySuite(),
    new ThroughputSuite(),
    new OrchestrationSuite(),
];

return await BenchmarkRun.RunAsync(options, args, all);
