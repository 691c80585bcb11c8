using System.Diagnostics;
using ClaudeGrains.Benchmarks.Infrastructure;
using ClaudeGrains.Benchmarks.Raw;
using ClaudeGrains.Cli.Protocol;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>
/// Suite "cold": a brand-new session's first result against a raw cold spawn (spawn, prompt, result), on a silo with
/// the warm pool off (<c>ClaudeGrains:WarmPool:Size</c> = 0), one with it on (2, and the default warm-up,
/// <c>reload_plugins</c>) and one whose pool warms its processes up by counting their context (<c>WarmPool:WarmUp</c> =
/// <c>ContextUsage</c>). Before every sample the silos are left to go quiet, so a pool refilling in the background
/// never runs into the next measurement. A raw CLI started and left to boot (and warm up as the pool does) before it
/// is timed gives the floor of each pool: the first turn of a process that has never run one. One left to boot with
/// no warm-up at all shows what the default warm-up is worth.
/// </summary>
internal sealed class ColdStartSuite : IBenchmarkSuite
{
    private const string PoolSizeKey = "ClaudeGrains:WarmPool:Size";
    private const string WarmUpKey = "ClaudeGrains:WarmPool:WarmUp";

    public string Name => "cold";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context)
    {
        var withoutPool = await context.RealCliSettingsAsync("cold-pool-off");
        withoutPool[PoolSizeKey] = "0";
        var withPool = await context.RealCliSettingsAsync("cold-pool-on");
        withPool[PoolSizeKey] = "2";
        var withWarmUp = await context.RealCliSettingsAsync("cold-pool-warm-up");
        withWarmUp[PoolSizeKey] = "2";
        withWarmUp[WarmUpKey] = "ContextUsage";
        Progress.Say("Starting three silos: warm pool off, on, and on with the warm-up");
        await using var off = await SiloCluster.StartAsync(context.Root, withoutPool);
        await using var on = await SiloCluster.StartAsync(context.Root, withPool);
        await using var warmedUp = await SiloCluster.StartAsync(context.Root, withWarmUp);
        var options = new SessionOptions();

        var samples = await Interleaved.RunAsync<double>(
            [
                new("raw", async i =>
                {
                    await using var raw = off.Raw.Start(options);
                    return (await raw.AskAsync($"cold start {i}", since: raw.StartedAt)).ResultMs;
                }),
                new("raw pre-started", i => PreStartedFirstTurnAsync(off, options, i, warmUp: null)),
                new("raw pre-started, plugins reloaded", i => PreStartedFirstTurnAsync(off, options, i, CliControlRequest.ReloadPlugins)),
                new("raw pre-started, warmed up", i => PreStartedFirstTurnAsync(off, options, i, CliControlRequest.GetContextUsage)),
                new("pool off", i => FirstQueryAsync(off, $"cold/off/{i}", $"cold start {i}", verifyAgainst: i == 0 ? off.Raw.Launch(options) : null)),
                new("pool on", i => FirstQueryAsync(on, $"cold/on/{i}", $"cold start {i}", verifyAgainst: null)),
                new("pool warm-up", i => FirstQueryAsync(warmedUp, $"cold/warm-up/{i}", $"cold start {i}", verifyAgainst: null)),
            ],
            warmups: 1,
            iterations: context.Options.Iterations,
            settle: () => Task.WhenAll(off.WaitForQuietAsync(), on.WaitForQuietAsync(), warmedUp.WaitForQuietAsync()));

        var raw = Summary.Of(samples["raw"]);
        return
        [
            BenchmarkRow.Of(Name, "raw: spawn to first result", raw),
            BenchmarkRow.Of(Name, "raw: pre-started CLI (booted, quiet, no warm-up), first prompt to result", Summary.Of(samples["raw pre-started"])).ComparedWith(raw),
            BenchmarkRow.Of(Name, "raw: pre-started CLI (booted, plugins reloaded, quiet), first prompt to result: the default warm pool's floor", Summary.Of(samples["raw pre-started, plugins reloaded"])).ComparedWith(raw),
            BenchmarkRow.Of(Name, $"new session, warm pool off ({PoolSizeKey}=0): first query to result", Summary.Of(samples["pool off"])).ComparedWith(raw),
            BenchmarkRow.Of(Name, $"new session, warm pool on ({PoolSizeKey}=2, default warm-up: reload_plugins): first query to result", Summary.Of(samples["pool on"]))
                .ComparedWith(raw).AtMostTimesRaw(0.20),
            BenchmarkRow.Of(Name, "raw: pre-started CLI (booted, warmed up with get_context_usage, quiet), first prompt to result", Summary.Of(samples["raw pre-started, warmed up"])).ComparedWith(raw),
            BenchmarkRow.Of(Name, $"new session, warm pool on with {WarmUpKey}=ContextUsage: first query to result", Summary.Of(samples["pool warm-up"]))
                .ComparedWith(raw).AtMostTimesRaw(0.20),
        ];
    }

    /// <summary>Times the first turn of a raw CLI left to boot (and warm up with <paramref name="warmUp"/>) and go quiet first.</summary>
    private static async Task<double> PreStartedFirstTurnAsync(SiloCluster cluster, SessionOptions options, int i, CliControlRequest? warmUp)
    {
        await using var raw = cluster.Raw.Start(options);
        await raw.WaitUntilBootedAsync(warmUp);
        return (await raw.AskAsync($"cold start {i}")).ResultMs;
    }

    /// <summary>Times a new session's first query, then terminates it (untimed) so its process does not pile up.</summary>
    private static async Task<double> FirstQueryAsync(SiloCluster cluster, string name, string prompt, RawCliLaunch? verifyAgainst)
    {
        var session = cluster.Client.Session(name);
        var start = Stopwatch.GetTimestamp();
        await session.QueryAsync(prompt);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (verifyAgainst is not null)
        {
            LaunchComparison.Verify((await session.GetStatusAsync()).ProcessId!.Value, verifyAgainst);
        }

        await cluster.EndSessionsAsync([name]);
        return elapsed;
    }
}
