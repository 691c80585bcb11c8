using System.Diagnostics;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Testing;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Processes;

/// <summary>
/// New sessions take pre-started CLI processes configured with their own options, never share one, fall back to a
/// cold start when a process cannot take their options, and the pool stays inside the process budget.
/// </summary>
[Collection(WarmPoolCollection.Name)]
public sealed class WarmPoolTests(WarmPoolCluster cluster) : IAsyncLifetime
{
    private readonly PoolTestSessions _sessions = new(cluster);

    public async Task InitializeAsync() => await cluster.FullPoolAsync();

    public async Task DisposeAsync() => await _sessions.TerminateAllAsync();

    [Fact]
    public async Task A_new_session_takes_a_pooled_process_and_its_first_request_carries_its_own_prompt_and_model()
    {
        var pool = cluster.Pool.Status;
        var session = await _sessions.NewAsync("warm/own", WarmPoolCluster.Matching("You are the warm reviewer.", "claude-warm-own") with
        {
            AppendSystemPrompt = "Sign as WARM.",
            PermissionMode = PermissionMode.AcceptEdits,
        });

        var first = await session.QueryAsync("warm hello");
        var second = await session.QueryAsync("warm again");

        var status = await session.GetStatusAsync();
        Assert.Equal(pool.ReadyProcessIds[0], status.ProcessId);
        Assert.Equal("warm hello | 1 messages", first.Text);
        Assert.Equal("warm again | 3 messages", second.Text);
        Assert.Equal(first.CliSessionId, second.CliSessionId);
        Assert.Equal(first.CliSessionId, status.CliSessionId);
        var request = cluster.Turn("warm hello");
        Assert.Equal("claude-warm-own", request.Model);
        Assert.Contains("You are the warm reviewer.", request.SystemPrompt);
        Assert.Contains("Sign as WARM.", request.SystemPrompt);
    }

    [Fact]
    public async Task By_default_a_pooled_process_warms_up_before_it_counts_as_ready_and_an_idle_pool_sends_nothing_to_the_API()
    {
        var ready = cluster.Pool.Status.ReadyProcessIds;

        // The pool logs a process's readiness just after its status says so: wait for the line rather than race it.
        var lines = await Task.WhenAll(ready.Select(pid => cluster.Logs.WaitForLineAsync(line => line.Contains($"CLI process {pid} is ready", StringComparison.Ordinal))));

        Assert.Equal(WarmPoolCluster.PoolSize, ready.Count);
        Assert.All(lines, line => Assert.Contains(", warmed up in ", line, StringComparison.Ordinal));
        Assert.Empty(cluster.Api.TokenCountRequests);
    }

    [Fact]
    public async Task A_session_without_options_of_its_own_takes_a_pooled_process_launched_with_the_default_model()
    {
        var pool = cluster.Pool.Status;
        var name = _sessions.NewName("warm/defaults");

        await cluster.Session(name).QueryAsync("defaults hello");

        Assert.Contains((await cluster.Session(name).GetStatusAsync()).ProcessId!.Value, pool.ReadyProcessIds);
        Assert.Equal(WarmPoolCluster.DefaultModel, cluster.Turn("defaults hello").Model);
    }

    [Fact]
    public async Task Two_sessions_starting_at_once_never_share_a_pooled_process()
    {
        var pool = cluster.Pool.Status;
        var first = await _sessions.NewAsync("warm/first", WarmPoolCluster.Matching("You are the first twin.", "claude-twin-1"));
        var second = await _sessions.NewAsync("warm/second", WarmPoolCluster.Matching("You are the second twin.", "claude-twin-2"));

        await Task.WhenAll(first.QueryAsync("first twin speaks"), second.QueryAsync("second twin speaks"));

        var pids = new[] { (await first.GetStatusAsync()).ProcessId!.Value, (await second.GetStatusAsync()).ProcessId!.Value };
        Assert.NotEqual(pids[0], pids[1]);
        Assert.Equal(pool.ReadyProcessIds.Order(), pids.Order());
        Assert.Contains("You are the first twin.", cluster.Turn("first twin speaks").SystemPrompt);
        Assert.Equal("claude-twin-1", cluster.Turn("first twin speaks").Model);
        Assert.Contains("You are the second twin.", cluster.Turn("second twin speaks").SystemPrompt);
        Assert.Equal("claude-twin-2", cluster.Turn("second twin speaks").Model);
    }

    [Fact]
    public async Task A_session_whose_launch_options_differ_from_the_pool_starts_cold_and_leaves_the_pool_alone()
    {
        var pool = cluster.Pool.Status;
        var session = await _sessions.NewAsync("warm/other", WarmPoolCluster.Matching("You are the odd one.") with { MaxTurns = 2 });

        var answer = await session.QueryAsync("odd one out");

        Assert.Equal("odd one out | 1 messages", answer.Text);
        Assert.DoesNotContain((await session.GetStatusAsync()).ProcessId!.Value, pool.ReadyProcessIds);
        Assert.Equal(pool.ReadyProcessIds, cluster.Pool.Status.ReadyProcessIds);
        Assert.Contains("You are the odd one.", cluster.Turn("odd one out").SystemPrompt);
    }

    [Fact]
    public async Task A_pooled_process_that_does_not_answer_the_hand_over_is_discarded_and_the_session_starts_cold()
    {
        var frozen = cluster.Pool.Status.ReadyProcessIds;
        foreach (var pid in frozen)
        {
            ProcessSignals.Freeze(pid);
        }

        try
        {
            var session = await _sessions.NewAsync("warm/frozen", WarmPoolCluster.Matching("You are the patient one.", "claude-patient"));

            var answer = await session.QueryAsync("anyone there");

            Assert.Equal("anyone there | 1 messages", answer.Text);
            Assert.DoesNotContain((await session.GetStatusAsync()).ProcessId!.Value, frozen);
            Assert.False(ProcessProbe.IsAlive(frozen[0]), "the pooled process that failed its hand-over is still alive");
            Assert.Contains("You are the patient one.", cluster.Turn("anyone there").SystemPrompt);
            Assert.Equal("claude-patient", cluster.Turn("anyone there").Model);
        }
        finally
        {
            // The pool kills the process whose hand-over timed out; thawing only the living keeps `kill` from
            // printing "No such process" into the CI log, where it reads like a failure.
            foreach (var pid in frozen.Where(ProcessProbe.IsAlive))
            {
                ProcessSignals.Thaw(pid);
            }
        }
    }

    [Fact]
    public async Task The_pool_refills_in_the_background_after_a_hand_over_once_the_refill_delay_has_passed()
    {
        var before = cluster.Pool.Status.ReadyProcessIds;
        var changes = new List<(long At, WarmPoolStatus Status)>();
        void Record(WarmPoolStatus status)
        {
            lock (changes)
            {
                changes.Add((Stopwatch.GetTimestamp(), status));
            }
        }

        cluster.Pool.Changed += Record;
        try
        {
            var session = await _sessions.NewAsync("warm/refill", WarmPoolCluster.Matching("You are the first customer."));
            await session.QueryAsync("take one");
            var taken = (await session.GetStatusAsync()).ProcessId!.Value;

            var refilled = await cluster.PoolAsync(s => s.ReadyProcessIds.Count == WarmPoolCluster.PoolSize && !s.ReadyProcessIds.Contains(taken));

            Assert.Equal(WarmPoolCluster.PoolSize, refilled.ReadyProcessIds.Distinct().Count());
            Assert.Equal(taken, (await session.GetStatusAsync()).ProcessId);
            lock (changes)
            {
                var handedOver = changes.First(c => !c.Status.ReadyProcessIds.Contains(taken) && !c.Status.StartingProcessIds.Contains(taken)).At;
                var replacementStarted = changes.First(c => c.Status.ReadyProcessIds.Concat(c.Status.StartingProcessIds).Any(pid => !before.Contains(pid))).At;
                // The events are seen a moment after the pool acted; a little slack keeps a preempted thread from failing it.
                var gap = Stopwatch.GetElapsedTime(handedOver, replacementStarted);
                Assert.True(gap >= WarmPoolCluster.RefillDelay - TimeSpan.FromMilliseconds(50), $"the replacement started {gap.TotalMilliseconds:F0} ms after the hand-over, within the refill delay");
            }
        }
        finally
        {
            cluster.Pool.Changed -= Record;
        }
    }

    [Fact]
    public async Task The_pool_never_exceeds_the_budget_and_gives_its_processes_up_before_a_live_session_hibernates()
    {
        await using var sampler = new ProcessCountSampler(cluster);

        // Two pooled sessions, and the pool refilled behind them: the budget of four is full.
        var pooled = new[]
        {
            await _sessions.NewAsync("budget/warm-a", WarmPoolCluster.Matching("A")),
            await _sessions.NewAsync("budget/warm-b", WarmPoolCluster.Matching("B")),
        };
        foreach (var session in pooled)
        {
            await session.QueryAsync("pooled");
        }

        var pids = await Task.WhenAll(pooled.Select(async s => (await s.GetStatusAsync()).ProcessId!.Value));
        await cluster.FullPoolAsync();

        // Cold sessions take the pooled processes' slots first...
        var cold = new List<IClaudeSessionGrain>();
        for (var i = 0; i < WarmPoolCluster.PoolSize; i++)
        {
            cold.Add(await _sessions.NewAsync($"budget/cold-{i}", new SessionOptions { SystemPrompt = "cold" }));
            await cold[i].QueryAsync("cold start");
            Assert.Equal(WarmPoolCluster.PoolSize - 1 - i, cluster.Pool.Status.Count);
            Assert.Equal(pids, await Task.WhenAll(pooled.Select(async s => (await s.GetStatusAsync()).ProcessId ?? 0)));
        }

        // ...and only then does the least recently used idle session hibernate.
        var last = await _sessions.NewAsync("budget/cold-last", new SessionOptions { SystemPrompt = "cold" });
        await last.QueryAsync("cold start");

        Assert.Null((await pooled[0].GetStatusAsync()).ProcessId);
        Assert.Equal(0, cluster.Pool.Status.Count);
        Assert.InRange(sampler.Most, 1, WarmPoolCluster.MaxLiveProcesses);
        Assert.InRange(cluster.LiveCliRootProcesses().Count, 1, WarmPoolCluster.MaxLiveProcesses);
    }

    [Fact]
    public async Task A_stopping_silo_stops_its_pooled_processes_and_the_next_silo_fills_its_own_pool()
    {
        var oldPool = cluster.Pool;
        var pooled = oldPool.Status.ReadyProcessIds;

        await cluster.Cluster.RestartSiloAsync(cluster.Cluster.Primary!);
        await cluster.Cluster.InitializeClientAsync();

        Assert.Equal(0, oldPool.Status.Count);
        Assert.All(pooled, pid => Assert.False(ProcessProbe.IsAlive(pid), $"pooled CLI {pid} outlived its silo"));
        var fresh = await cluster.FullPoolAsync();
        Assert.Empty(fresh.ReadyProcessIds.Intersect(pooled));
        Assert.Equal(fresh.ReadyProcessIds.Order(), cluster.LiveCliRootProcesses().Order());
    }
}
