using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// Runs <c>workers</c> loops at once, each making <c>calls</c> calls one after another (as a client of one session
/// would), and times every call and the whole round.
/// </summary>
internal static class ConcurrentRound
{
    public static async Task<RoundResult> RunAsync(int workers, int calls, Func<int, int, Task> call)
    {
        var latencies = new ConcurrentBag<double>();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            await Task.Yield();
            for (var i = 0; i < calls; i++)
            {
                var begin = Stopwatch.GetTimestamp();
                await call(worker, i);
                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
        }));
        return new RoundResult(Stopwatch.GetElapsedTime(start).TotalMilliseconds, latencies.ToArray());
    }
}
