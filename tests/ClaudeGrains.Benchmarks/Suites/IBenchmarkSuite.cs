using ClaudeGrains.Benchmarks.Infrastructure;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>One suite of the benchmark, selectable by <see cref="Name"/> on the command line.</summary>
internal interface IBenchmarkSuite
{
    string Name { get; }

    Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context);
}
