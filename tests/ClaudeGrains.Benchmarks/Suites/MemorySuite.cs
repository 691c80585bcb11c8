using System.Globalization;
using ClaudeGrains.Benchmarks.Infrastructure;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>
/// Suite "memory": silo memory (managed heap and RSS after full collections) per live session with the CLI excluded,
/// the real CLI's own memory (PSS and RSS), and per hibernated session at 10,000 and 100,000 sessions. The silo runs
/// in this process; so does the fake API, whose request log is cleared before every snapshot.
/// </summary>
internal sealed class MemorySuite : IBenchmarkSuite
{
    private const double MiB = 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public string Name => "memory";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context)
    {
        var live = context.Options.Live;
        var settings = await context.RealCliSettingsAsync("memory");
        settings["ClaudeGrains:Supervision:IdleTimeout"] = "00:00:01"; // hibernated sessions hibernate within the run
        settings["ClaudeGrains:Supervision:MaxLiveProcesses"] = (live + 8).ToString(CultureInfo.InvariantCulture);
        var awake = new SessionOptions { IdleTimeout = TimeSpan.FromHours(1) };
        var rows = new List<BenchmarkRow>();
        await using var silo = await InProcessSilo.StartAsync(settings);

        // The baseline already holds the JIT's and Orleans's one-time costs and one live CLI's plumbing.
        await silo.Grains.GetGrain<IClaudeSessionGrain>("warmup/hibernated").ConfigureAsync(new SessionOptions { Model = "m" });
        var warm = silo.Grains.GetGrain<IClaudeSessionGrain>("warmup/live");
        await warm.ConfigureAsync(awake);
        await warm.QueryAsync("warm up");
        await silo.WaitForSessionActivationsAsync(1, Patience);

        // Live sessions first: the hibernated ones pass through activations whose memory the heap keeps for a while.
        Progress.Say($"Starting {live} live sessions");
        var beforeLive = MemorySnapshot.Take();
        var sessions = Enumerable.Range(0, live).Select(i => silo.Grains.GetGrain<IClaudeSessionGrain>($"live/{i}")).ToList();
        await Task.WhenAll(sessions.Select(async s =>
        {
            await s.ConfigureAsync(awake);
            await s.QueryAsync("hello");
        }));
        var baseline = MemorySnapshot.Take();
        var liveGrown = baseline - beforeLive;
        rows.Add(BenchmarkRow.Value(Name, $"silo heap per live session, CLI excluded ({live} sessions)", liveGrown.HeapBytes / (double)live, "bytes"));
        rows.Add(BenchmarkRow.Value(Name, $"silo RSS per live session, CLI excluded ({live} sessions)", liveGrown.RssBytes / (double)live, "bytes"));
        var cli = (await Task.WhenAll(sessions.Select(s => s.GetStatusAsync()))).Select(s => ProcessTree.MemoryOf(s.ProcessId!.Value)).ToList();
        rows.Add(BenchmarkRow.Of(Name, $"CLI PSS per live session ({live} CLIs)", Summary.Of(cli.Select(m => m.Pss / MiB)), "MiB"));
        rows.Add(BenchmarkRow.Of(Name, $"CLI RSS per live session ({live} CLIs)", Summary.Of(cli.Select(m => m.Rss / MiB)), "MiB"));

        var created = 0;
        foreach (var target in context.Options.Hibernated.Order())
        {
            Progress.Say($"Creating hibernated sessions up to {target:N0}");
            for (var start = created; start < target; start += 500)
            {
                await Task.WhenAll(Enumerable.Range(start, Math.Min(500, target - start)).Select(i =>
                    silo.Grains.GetGrain<IClaudeSessionGrain>($"hibernated/{i}").ConfigureAsync(new SessionOptions { Model = "claude-sonnet-4-5", MaxTurns = 3 })));
            }

            created = target;
            await silo.WaitForSessionActivationsAsync(1 + live, Patience);
            var grown = MemorySnapshot.Take() - baseline;
            rows.Add(BenchmarkRow.Value(Name, $"silo heap per hibernated session ({target:N0} sessions)", grown.HeapBytes / (double)target, "bytes").AtMost(2048));
            rows.Add(BenchmarkRow.Value(Name, $"silo RSS per hibernated session ({target:N0} sessions)", grown.RssBytes / (double)target, "bytes"));
        }

        var held = BenchmarkRow.Value(Name, "hibernated sessions held by one silo", created, "sessions");
        rows.Add(created >= 100_000 ? held.AtLeast(100_000) : held); // a smaller (--quick) run does not try the target
        return rows;
    }
}
