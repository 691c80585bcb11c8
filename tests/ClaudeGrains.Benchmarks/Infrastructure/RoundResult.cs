namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// One round of concurrent work: how long it took in all, the latency of every single call, and the CPU the silo
/// spent meanwhile (its idle use included).
/// </summary>
internal sealed record RoundResult(double WallMs, IReadOnlyList<double> LatenciesMs)
{
    public double PerSecond => LatenciesMs.Count / (WallMs / 1000);

    public double SiloCpuMs { get; init; }
}
