namespace ClaudeGrains.Benchmarks;

/// <summary>
/// Suite "memory": silo memory per hibernated session (grain state only, no process) and per live session
/// (excluding the CLI process itself, which is a separate process).
/// </summary>
internal static class MemorySuite
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(string faultCliPath, int hibernated, int live)
    {
        var rows = new List<BenchmarkRow>();
        await using var silo = await BenchmarkSilo.StartAsync(faultCliPath, maxLiveProcesses: live + 1);

        // Warm up the code paths so the baseline already holds the JIT's and Orleans's one-time costs.
        await silo.Grains.GetGrain<IClaudeSessionGrain>("warmup/hibernated").ConfigureAsync(new SessionOptions { Model = "m" });
        await silo.Grains.GetGrain<IClaudeSessionGrain>("warmup/live").QueryAsync("warm up");

        var baseline = MemorySnapshot.Take();
        const int batch = 500;
        for (var start = 0; start < hibernated; start += batch)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(batch, hibernated - start))
                .Select(i => silo.Grains.GetGrain<IClaudeSessionGrain>($"hibernated/{i}").ConfigureAsync(new SessionOptions { Model = "claude-sonnet-4-5", MaxTurns = 3 })));
        }

        var afterHibernated = MemorySnapshot.Take() - baseline;
        rows.Add(new BenchmarkRow("memory", $"silo heap per hibernated session ({hibernated:N0} sessions)", afterHibernated.HeapBytes / (double)hibernated, "bytes"));
        rows.Add(new BenchmarkRow("memory", $"silo RSS per hibernated session ({hibernated:N0} sessions)", afterHibernated.RssBytes / (double)hibernated, "bytes"));

        var beforeLive = MemorySnapshot.Take();
        await Task.WhenAll(Enumerable.Range(0, live).Select(i => silo.Grains.GetGrain<IClaudeSessionGrain>($"live/{i}").QueryAsync("hello")));
        var afterLive = MemorySnapshot.Take() - beforeLive;
        rows.Add(new BenchmarkRow("memory", $"silo heap per live session, CLI excluded ({live} sessions)", afterLive.HeapBytes / (double)live, "bytes"));
        rows.Add(new BenchmarkRow("memory", $"silo RSS per live session, CLI excluded ({live} sessions)", afterLive.RssBytes / (double)live, "bytes"));
        return rows;
    }
}
