namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>One side of an interleaved comparison: a name and how to take one sample (given the iteration number).</summary>
internal sealed record Side<T>(string Name, Func<int, Task<T>> Measure);
