using ClaudeGrains.Benchmarks.Raw;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// Many sessions at once against as many raw drivers: both fleets are started and warmed up first, then rounds in
/// which every session (or driver) makes its calls one after another, all of them concurrently, alternate between the
/// two sides. Everything is stopped afterwards.
/// </summary>
internal static class FleetComparison
{
    public const string Raw = "raw";
    public const string Sessions = "claudegrains";

    /// <summary>Spawns are bounded to this many at a time so that start-up storms do not time out.</summary>
    private const int StartBatch = 32;

    public static async Task<IReadOnlyDictionary<string, List<RoundResult>>> RunAsync(SiloCluster cluster, string prefix, int count, int calls, int rounds)
    {
        var options = new SessionOptions();
        var names = Enumerable.Range(0, count).Select(k => $"{prefix}/{k}").ToArray();
        var sessions = names.Select(cluster.Client.Session).ToArray();
        var raws = new List<RawCliDriver>(count);
        try
        {
            Progress.Say($"Starting {count} sessions and {count} raw CLI processes");
            foreach (var batch in Enumerable.Range(0, count).Chunk(StartBatch))
            {
                await Task.WhenAll(batch.Select(k => sessions[k].QueryAsync("hello")));
                var started = batch.Select(_ => cluster.Raw.Start(options)).ToList();
                raws.AddRange(started);
                await Task.WhenAll(started.Select(r => r.AskAsync("hello")));
            }

            LaunchComparison.Verify((await sessions[0].GetStatusAsync()).ProcessId!.Value, cluster.Raw.Launch(options));
            var rawPids = raws.Select(r => r.ProcessId).ToArray();
            var sessionPids = (await Task.WhenAll(sessions.Select(s => s.GetStatusAsync()))).Select(s => s.ProcessId!.Value).ToArray();
            return await Interleaved.RunAsync<RoundResult>(
                [
                    new(Raw, round => WithCpuAsync(cluster, rawPids, () => ConcurrentRound.RunAsync(count, calls, (k, call) => raws[k].AskAsync($"round {round} call {call}")))),
                    new(Sessions, round => WithCpuAsync(cluster, sessionPids, () => ConcurrentRound.RunAsync(count, calls, (k, call) => sessions[k].QueryAsync($"round {round} call {call}")))),
                ],
                warmups: 1,
                iterations: rounds,
                settle: cluster.WaitForQuietAsync);
        }
        finally
        {
            await Task.WhenAll(raws.Select(r => r.DisposeAsync().AsTask()));
            await cluster.EndSessionsAsync(names);
        }
    }

    /// <summary>
    /// Silo CPU per session call, less what the silo spent in the raw rounds (where nothing is asked of it) for as long.
    /// </summary>
    public static double SiloCpuPerCallMs(IReadOnlyList<RoundResult> raw, IReadOnlyList<RoundResult> sessions)
    {
        var idlePerMs = raw.Sum(r => r.SiloCpuMs) / raw.Sum(r => r.WallMs);
        return PerCallMs(sessions, r => r.SiloCpuMs - idlePerMs * r.WallMs);
    }

    /// <summary>Milliseconds of CPU per call that <paramref name="cpu"/> picks out of <paramref name="rounds"/>.</summary>
    public static double PerCallMs(IReadOnlyList<RoundResult> rounds, Func<RoundResult, double> cpu) =>
        rounds.Sum(cpu) / rounds.Sum(r => r.LatenciesMs.Count);

    private static async Task<RoundResult> WithCpuAsync(SiloCluster cluster, int[] clis, Func<Task<RoundResult>> round)
    {
        (double Silo, double Benchmark, double Clis) Read() => (
            ProcessTree.CpuSecondsOf(cluster.Silo.ProcessId),
            ProcessTree.CpuSecondsOf(Environment.ProcessId),
            clis.Sum(ProcessTree.CpuSecondsOf));

        var before = Read();
        var result = await round();
        var after = Read();
        return result with
        {
            SiloCpuMs = (after.Silo - before.Silo) * 1000,
            BenchmarkCpuMs = (after.Benchmark - before.Benchmark) * 1000,
            CliCpuMs = (after.Clis - before.Clis) * 1000,
        };
    }
}
