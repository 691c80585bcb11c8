using System.Diagnostics;
using ClaudeGrains.Benchmarks.Infrastructure;
using ClaudeGrains.Benchmarks.Raw;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>
/// Suite "streaming": how soon the first text delta of a warm turn reaches a <c>QueryStreamAsync</c> caller and an
/// Orleans-stream subscriber on another client, against the raw driver reading the CLI's stdout.
/// </summary>
internal sealed class StreamingSuite : IBenchmarkSuite
{
    private static readonly TimeSpan SubscriberPatience = TimeSpan.FromSeconds(30);

    public string Name => "streaming";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context)
    {
        var cluster = await context.SharedClusterAsync();
        var options = new SessionOptions();
        var name = $"streaming/{Guid.NewGuid():N}";
        var session = cluster.Client.Session(name);
        var subscriberClient = await cluster.ConnectAnotherClientAsync();
        await using var watcher = await StreamWatcher.SubscribeAsync(subscriberClient.Client, name);
        await using var raw = cluster.Raw.Start(options);
        try
        {
            await session.QueryAsync("hello");
            await raw.AskAsync("hello");
            LaunchComparison.Verify((await session.GetStatusAsync()).ProcessId!.Value, cluster.Raw.Launch(options));

            var samples = await Interleaved.RunAsync<StreamingSample>(
                [
                    new("raw", async i => new StreamingSample(await raw.AskAsync($"turn {i}"), default)),
                    new("claudegrains", i => StreamTurnAsync(session, watcher, $"turn {i}")),
                ],
                warmups: context.Options.WarmupTurns,
                iterations: context.Options.Turns);

            var raws = samples["raw"].Select(s => s.Caller).ToList();
            var callers = samples["claudegrains"].Select(s => s.Caller).ToList();
            var subscribers = samples["claudegrains"].Select(s => s.Subscriber).ToList();
            var rawFirst = Summary.Of(raws.Select(t => t.FirstDeltaMs));
            var rawResult = Summary.Of(raws.Select(t => t.ResultMs));
            return
            [
                BenchmarkRow.Of(Name, "raw: prompt to first delta", rawFirst),
                BenchmarkRow.Of(Name, "QueryStreamAsync caller: call to first delta", Summary.Of(callers.Select(t => t.FirstDeltaMs))).ComparedWith(rawFirst),
                BenchmarkRow.Of(Name, "stream subscriber (other client): call to first delta", Summary.Of(subscribers.Select(t => t.FirstDeltaMs))).ComparedWith(rawFirst),
                BenchmarkRow.Of(Name, "stream subscriber: first delta added over raw (paired turns)",
                    Summary.Of(subscribers.Zip(raws, (s, r) => s.FirstDeltaMs - r.FirstDeltaMs))).AtMost(2),
                BenchmarkRow.Of(Name, "stream subscriber: first delta after the caller's (same turn)",
                    Summary.Of(subscribers.Zip(callers, (s, c) => s.FirstDeltaMs - c.FirstDeltaMs))),
                BenchmarkRow.Of(Name, "raw: prompt to result", rawResult),
                BenchmarkRow.Of(Name, "QueryStreamAsync caller: call to result", Summary.Of(callers.Select(t => t.ResultMs))).ComparedWith(rawResult),
                BenchmarkRow.Of(Name, "stream subscriber: call to result", Summary.Of(subscribers.Select(t => t.ResultMs))).ComparedWith(rawResult),
            ];
        }
        finally
        {
            await cluster.EndSessionsAsync([name]);
        }
    }

    private static async Task<StreamingSample> StreamTurnAsync(IClaudeSessionGrain session, StreamWatcher watcher, string prompt)
    {
        var start = Stopwatch.GetTimestamp();
        var subscriber = watcher.TimeNextQueryAsync(start);
        double firstDelta = double.NaN, result = double.NaN;
        await foreach (var e in session.QueryStreamAsync(prompt))
        {
            if (e is TextDeltaEvent && double.IsNaN(firstDelta))
            {
                firstDelta = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            else if (e is ResultEvent)
            {
                result = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        return new StreamingSample(new TurnTiming(firstDelta, result), await subscriber.WaitAsync(SubscriberPatience));
    }
}
