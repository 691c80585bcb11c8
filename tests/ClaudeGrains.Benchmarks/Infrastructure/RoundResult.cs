namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// One round of concurrent work: how long it took in all, the latency of every single call, and the CPU each party
/// spent meanwhile (idle use included).
/// </summary>
internal sealed record RoundResult(double WallMs, IReadOnlyList<double> LatenciesMs)
{
    public double PerSecond => LatenciesMs.Count / (WallMs / 1000);

    /// <summary>CPU of the silo process.</summary>
    public double SiloCpuMs { get; init; }

    /// <summary>CPU of the benchmark's own process: the fake API on both sides, plus the raw drivers or the cluster client.</summary>
    public double BenchmarkCpuMs { get; init; }

    /// <summary>CPU of the CLI processes (or responders) of the side that ran this round.</summary>
    public double CliCpuMs { get; init; }

    /// <summary>All three: what the round cost the machine, the other side's idle CLIs aside.</summary>
    public double TotalCpuMs => SiloCpuMs + BenchmarkCpuMs + CliCpuMs;
}
