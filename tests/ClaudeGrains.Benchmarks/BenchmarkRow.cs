namespace ClaudeGrains.Benchmarks;

/// <summary>One measured value of a suite.</summary>
internal sealed record BenchmarkRow(string Suite, string Measure, double Value, string Unit);
