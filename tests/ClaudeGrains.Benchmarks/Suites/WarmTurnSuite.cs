using System.Diagnostics;
using ClaudeGrains.Benchmarks.Infrastructure;
using ClaudeGrains.Benchmarks.Raw;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>
/// Suite "warm": one turn of a session whose CLI is already running, <c>QueryAsync</c> from an external client
/// against the raw driver on its own running CLI. Both conversations grow alike, turn by turn.
/// </summary>
internal sealed class WarmTurnSuite : IBenchmarkSuite
{
    public string Name => "warm";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context)
    {
        var cluster = await context.SharedClusterAsync();
        var options = new SessionOptions();
        var name = $"warm/{Guid.NewGuid():N}";
        var session = cluster.Client.Session(name);
        await using var raw = cluster.Raw.Start(options);
        try
        {
            // The first turn of each is a cold start; it is not what this suite measures.
            await session.QueryAsync("hello");
            await raw.AskAsync("hello");
            LaunchComparison.Verify((await session.GetStatusAsync()).ProcessId!.Value, cluster.Raw.Launch(options));

            var cpu = new CpuAccount(new Dictionary<string, int>
            {
                ["raw CLI"] = raw.ProcessId,
                ["session CLI"] = (await session.GetStatusAsync()).ProcessId!.Value,
                ["silo"] = cluster.Silo.ProcessId,
            });
            var warmups = context.Options.WarmupTurns;
            var samples = await Interleaved.RunAsync<TurnTiming>(
                [
                    new("raw", cpu.Charging("raw", i => raw.AskAsync($"turn {i}"), from: warmups)),
                    new("claudegrains", cpu.Charging("claudegrains", async i =>
                    {
                        var start = Stopwatch.GetTimestamp();
                        await session.QueryAsync($"turn {i}");
                        return new TurnTiming(double.NaN, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }, from: warmups)),
                ],
                warmups: warmups,
                iterations: context.Options.Turns);

            // Measured after the turns: right after start-up the silo is still compiling its hot paths in the
            // background, which made the idle use look larger than the turns' and the per-turn figure negative.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await cpu.MeasureIdleAsync("silo", TimeSpan.FromSeconds(5));
            var rawResult = Summary.Of(samples["raw"].Select(s => s.ResultMs));
            return
            [
                BenchmarkRow.Of(Name, "raw: prompt to first delta", Summary.Of(samples["raw"].Select(s => s.FirstDeltaMs))),
                BenchmarkRow.Of(Name, "raw: prompt to result", rawResult),
                BenchmarkRow.Of(Name, "QueryAsync (external client): call to result", Summary.Of(samples["claudegrains"].Select(s => s.ResultMs)))
                    .ComparedWith(rawResult).AtMostTimesRaw(1.05),
                BenchmarkRow.Value(Name, "raw: CLI CPU per turn", cpu.PerSampleMs("raw", "raw CLI"), "ms"),
                BenchmarkRow.Value(Name, "session: CLI CPU per turn", cpu.PerSampleMs("claudegrains", "session CLI"), "ms"),
                BenchmarkRow.Value(Name, "session: silo CPU per turn, CLI excluded (idle use subtracted)", cpu.AllWorkPerSampleMs("claudegrains", "silo"), "ms"),
            ];
        }
        finally
        {
            await cluster.EndSessionsAsync([name]);
        }
    }
}
