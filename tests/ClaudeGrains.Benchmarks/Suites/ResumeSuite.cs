using System.Diagnostics;
using ClaudeGrains.Benchmarks.Infrastructure;
using ClaudeGrains.Benchmarks.Raw;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>
/// Suite "resume": the first result of a hibernated session (its CLI stopped after its idle timeout, its activation
/// given back) against a raw cold spawn with <c>--resume</c> of a conversation of the same length.
/// </summary>
internal sealed class ResumeSuite : IBenchmarkSuite
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public string Name => "resume";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context)
    {
        var cluster = await context.SharedClusterAsync();
        var options = new SessionOptions();
        var name = $"resume/{Guid.NewGuid():N}";
        var session = cluster.Client.Session(name);
        try
        {
            // The idle timeout is no CLI argument: both sides still run the same argv.
            await session.ConfigureAsync(options with { IdleTimeout = TimeSpan.FromSeconds(1) });
            var sessionConversation = (await session.QueryAsync("remember the number 42")).CliSessionId;
            await ProcessTree.WaitForExitAsync((await session.GetStatusAsync()).ProcessId!.Value, Patience);
            string? rawConversation;
            await using (var seed = cluster.Raw.Start(options))
            {
                await seed.AskAsync("remember the number 42");
                rawConversation = seed.SessionId;
            }

            var samples = await Interleaved.RunAsync<double>(
                [
                    new("raw", async i =>
                    {
                        await using var raw = cluster.Raw.Start(options, rawConversation);
                        var timing = await raw.AskAsync($"what was the number? ({i})", since: raw.StartedAt);
                        rawConversation = raw.SessionId ?? rawConversation;
                        return timing.ResultMs;
                    }),
                    new("claudegrains", async i =>
                    {
                        var start = Stopwatch.GetTimestamp();
                        var answer = await session.QueryAsync($"what was the number? ({i})");
                        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        var pid = (await session.GetStatusAsync()).ProcessId!.Value;
                        if (i == 0)
                        {
                            LaunchComparison.Verify(pid, cluster.Raw.Launch(options, sessionConversation));
                        }

                        sessionConversation = answer.CliSessionId;
                        await ProcessTree.WaitForExitAsync(pid, Patience); // hibernated again (untimed)
                        return elapsed;
                    }),
                ],
                warmups: 1,
                iterations: context.Options.Iterations,
                settle: cluster.WaitForQuietAsync);

            var raw = Summary.Of(samples["raw"]);
            return
            [
                BenchmarkRow.Of(Name, "raw: spawn with --resume to first result", raw),
                BenchmarkRow.Of(Name, "hibernated session: query to result", Summary.Of(samples["claudegrains"])).ComparedWith(raw).AtMostTimesRaw(1.05),
            ];
        }
        finally
        {
            await cluster.EndSessionsAsync([name]);
        }
    }
}
