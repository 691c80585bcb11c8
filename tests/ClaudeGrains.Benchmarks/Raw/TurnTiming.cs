namespace ClaudeGrains.Benchmarks.Raw;

/// <summary>When, in milliseconds after a turn's start, its first text delta and its result were seen.</summary>
internal readonly record struct TurnTiming(double FirstDeltaMs, double ResultMs);
