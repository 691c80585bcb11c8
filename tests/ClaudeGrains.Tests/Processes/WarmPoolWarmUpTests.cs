using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Processes;

/// <summary>
/// With <c>WarmPool:WarmUp</c> = <c>ContextUsage</c>, a pooled process has the CLI count its context before it counts
/// as ready, the session that takes it still gets its own prompt, model and an untouched conversation, and a warm-up
/// the API never answers neither holds up a new session nor keeps the process.
/// </summary>
[Collection(WarmUpPoolCollection.Name)]
public sealed class WarmPoolWarmUpTests(WarmUpPoolCluster cluster) : IAsyncLifetime
{
    private readonly PoolTestSessions _sessions = new(cluster);

    public async Task InitializeAsync() => await cluster.FullPoolAsync();

    public async Task DisposeAsync()
    {
        cluster.Api.Behavior = Testing.FakeApiBehavior.Default;
        await _sessions.TerminateAllAsync();
    }

    [Fact]
    public async Task A_pooled_process_counts_as_ready_only_once_the_CLI_has_counted_its_context_and_the_session_taking_it_keeps_its_own_options()
    {
        var pool = cluster.Pool.Status;
        var counted = new List<(WarmPoolStatus Status, int TokenCounts)>();
        void Record(WarmPoolStatus status)
        {
            lock (counted)
            {
                counted.Add((status, cluster.Api.TokenCountRequests.Count));
            }
        }

        Assert.NotEmpty(cluster.Api.TokenCountRequests);
        cluster.Pool.Changed += Record;
        try
        {
            var session = await _sessions.NewAsync("warmup/own", WarmPoolCluster.Matching("You are the warmed reviewer.", "claude-warmed"));

            var answer = await session.QueryAsync("warmed hello");
            var taken = (await session.GetStatusAsync()).ProcessId!.Value;
            var refilled = await cluster.PoolAsync(s => s.ReadyProcessIds.Count == WarmPoolCluster.PoolSize && !s.ReadyProcessIds.Contains(taken));

            Assert.Contains(taken, pool.ReadyProcessIds);
            Assert.Equal("warmed hello | 1 messages", answer.Text);
            var request = cluster.Turn("warmed hello");
            Assert.Equal("claude-warmed", request.Model);
            Assert.Contains("You are the warmed reviewer.", request.SystemPrompt);
            var replacement = Assert.Single(refilled.ReadyProcessIds.Except(pool.ReadyProcessIds));
            Assert.Contains(cluster.Logs.Lines, line => line.Contains($"CLI process {replacement} is ready, warmed up in ", StringComparison.Ordinal));
            lock (counted)
            {
                var started = counted.First(c => c.Status.StartingProcessIds.Contains(replacement)).TokenCounts;
                var ready = counted.First(c => c.Status.ReadyProcessIds.Contains(replacement)).TokenCounts;
                Assert.True(ready > started, $"the replacement counted as ready after {ready - started} count_tokens request(s) since it started");
            }
        }
        finally
        {
            cluster.Pool.Changed -= Record;
        }
    }

    [Fact]
    public async Task A_warm_up_the_API_never_answers_holds_up_no_new_session_and_its_process_is_discarded_when_it_times_out()
    {
        var pool = cluster.Pool.Status;
        cluster.Api.ClearRequests();
        cluster.Api.Behavior = Testing.FakeApiBehavior.Default with { HangTokenCounts = true };

        // The first session's hand-over has a replacement boot and get stuck in its warm-up.
        var first = await _sessions.NewAsync("warmup/first", WarmPoolCluster.Matching("first"));
        await first.QueryAsync("take the first");
        var stuck = await cluster.PoolAsync(s => s.StartingProcessIds.Any(pid => !pool.ReadyProcessIds.Contains(pid)));
        var warming = Assert.Single(stuck.StartingProcessIds);
        await cluster.Api.WaitForTokenCountRequestAsync(_ => true, TimeSpan.FromSeconds(30));

        // The second takes the other booted process; the third finds only the one warming up and starts its own.
        var second = await _sessions.NewAsync("warmup/second", WarmPoolCluster.Matching("second"));
        await second.QueryAsync("take the second");
        var third = await _sessions.NewAsync("warmup/third", WarmPoolCluster.Matching("You are the third."));
        var answer = await third.QueryAsync("nothing ready");
        var stillWarming = cluster.Pool.Status.StartingProcessIds.Contains(warming);

        Assert.Equal("nothing ready | 1 messages", answer.Text);
        Assert.NotEqual(warming, (await third.GetStatusAsync()).ProcessId);
        Assert.True(stillWarming, "the process warming up was handed over (and failed) instead of being left to its warm-up");
        Assert.Contains("You are the third.", cluster.Turn("nothing ready").SystemPrompt);

        var after = await cluster.PoolAsync(s => !s.StartingProcessIds.Contains(warming) && !s.ReadyProcessIds.Contains(warming));
        Assert.DoesNotContain(warming, after.ReadyProcessIds);
        Assert.False(ProcessProbe.IsAlive(warming), "the process whose warm-up timed out is still alive");
    }
}
