using ClaudeGrains.Benchmarks.Infrastructure;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>
/// Suite "throughput": 1, 8 and 32 warm sessions each asking its turns one after another, all at once, against as many
/// raw drivers doing the same; turns per second and turn latency.
/// </summary>
internal sealed class ThroughputSuite : IBenchmarkSuite
{
    public string Name => "throughput";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context)
    {
        var cluster = await context.SharedClusterAsync();
        var turns = context.Options.ThroughputTurns;
        var rows = new List<BenchmarkRow>();
        foreach (var count in context.Options.Sessions)
        {
            var rounds = await FleetComparison.RunAsync(cluster, $"throughput/{count}/{Guid.NewGuid():N}", count, turns, context.Options.ThroughputRounds(count));
            var raw = rounds[FleetComparison.Raw];
            var sessions = rounds[FleetComparison.Sessions];
            var rawRate = Summary.Of(raw.Select(r => r.PerSecond));
            var rawLatency = Summary.Of(raw.SelectMany(r => r.LatenciesMs));
            rows.Add(BenchmarkRow.Of(Name, $"raw, {count} CLIs x {turns} turns: turns/s", rawRate, "turns/s"));
            rows.Add(BenchmarkRow.Of(Name, $"{count} sessions x {turns} turns: turns/s", Summary.Of(sessions.Select(r => r.PerSecond)), "turns/s").ComparedWith(rawRate));

            // Rounds of the two sides run back to back, so the ratio within a pair is free of the machine's drift from
            // one pair to the next, which moves both sides' turns/s by a third.
            var paired = BenchmarkRow.Of(Name, $"{count} sessions: turns/s over raw's, paired rounds", Summary.Of(sessions.Zip(raw, (s, r) => s.PerSecond / r.PerSecond)), "x raw");
            paired = paired with { VsRaw = paired.Median };
            rows.Add(count >= 8 ? paired.AtLeastTimesRaw(0.95) : paired);
            rows.Add(BenchmarkRow.Of(Name, $"raw, {count} CLIs: turn latency", rawLatency));
            rows.Add(BenchmarkRow.Of(Name, $"{count} sessions: turn latency", Summary.Of(sessions.SelectMany(r => r.LatenciesMs))).ComparedWith(rawLatency));
            rows.Add(BenchmarkRow.Value(Name, $"{count} sessions: silo CPU per turn, CLIs excluded (idle use subtracted)", FleetComparison.SiloCpuPerCallMs(raw, sessions), "ms"));
            rows.Add(CpuRow($"raw, {count} CLIs: CLI CPU per turn", raw, r => r.CliCpuMs));
            rows.Add(CpuRow($"{count} sessions: CLI CPU per turn", sessions, r => r.CliCpuMs));
            rows.Add(CpuRow($"raw, {count} CLIs: benchmark process CPU per turn (fake API, drivers)", raw, r => r.BenchmarkCpuMs));
            rows.Add(CpuRow($"{count} sessions: benchmark process CPU per turn (fake API, cluster client)", sessions, r => r.BenchmarkCpuMs));

            // When the CLIs fill the cores, turns/s can only reach the ratio of what a turn costs the machine.
            var rawTotal = FleetComparison.PerCallMs(raw, r => r.TotalCpuMs);
            var total = FleetComparison.PerCallMs(sessions, r => r.TotalCpuMs);
            rows.Add(BenchmarkRow.Value(Name, $"{count} sessions: CPU per turn, CLIs + silo + benchmark process (raw: {rawTotal:0.0} ms, silo idle)", total, "ms") with { VsRaw = total / rawTotal });
        }

        return rows;
    }

    private BenchmarkRow CpuRow(string measure, IReadOnlyList<RoundResult> rounds, Func<RoundResult, double> cpu) =>
        BenchmarkRow.Value(Name, measure, FleetComparison.PerCallMs(rounds, cpu), "ms");
}
