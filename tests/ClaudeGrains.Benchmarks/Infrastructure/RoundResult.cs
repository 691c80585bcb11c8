namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>One round of concurrent work: how long it took in all, and the latency of every single call.</summary>
internal sealed record RoundResult(double WallMs, IReadOnlyList<double> LatenciesMs)
{
    public double PerSecond => LatenciesMs.Count / (WallMs / 1000);
}
