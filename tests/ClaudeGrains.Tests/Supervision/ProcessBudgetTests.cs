using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Supervision;

/// <summary>The silo never runs more CLI processes than its budget, and idle sessions make room.</summary>
[Collection(BudgetCollection.Name)]
public sealed class ProcessBudgetTests(BudgetCluster cluster)
{
    [Fact]
    public async Task Ten_sessions_all_answer_through_a_budget_of_three_processes()
    {
        var log = Path.Combine(cluster.DataRoot, $"budget-{Guid.NewGuid():N}.log");
        var sessions = Enumerable.Range(0, 10).Select(i => cluster.Session($"budget/{i}/{Guid.NewGuid():N}")).ToList();
        foreach (var session in sessions)
        {
            await session.ConfigureAsync(new SessionOptions { ExtraArgs = [$"--fault-log={log}"] });
        }

        // Two sequential waves: idle sessions are hibernated to make room, and resume their conversation later
        // (the fault CLI keeps the --resume id as its session id).
        var firstRound = new List<ClaudeResult>();
        foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
        {
            firstRound.Add(await session.QueryAsync($"session {i} round 1"));
            Assert.Equal($"session {i} round 1 | turn 1", firstRound[i].Text);
        }

        foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
        {
            var answer = await session.QueryAsync($"session {i} round 2");
            Assert.StartsWith($"session {i} round 2 | ", answer.Text);
            Assert.Equal(firstRound[i].CliSessionId, answer.CliSessionId);
        }

        var statuses = await Task.WhenAll(sessions.Select(s => s.GetStatusAsync()));
        Assert.True(statuses.Count(s => s.ProcessId is not null) <= BudgetCluster.MaxLiveProcesses);
        Assert.True(cluster.LiveCliProcesses().Count <= BudgetCluster.MaxLiveProcesses);
        Assert.InRange(FaultCliLog.MostAliveAtOnce(log), 1, BudgetCluster.MaxLiveProcesses);
    }

    [Fact]
    public async Task Ten_sessions_asking_at_once_wait_their_turn_and_all_answer()
    {
        var log = Path.Combine(cluster.DataRoot, $"concurrent-{Guid.NewGuid():N}.log");
        var sessions = Enumerable.Range(0, 10).Select(i => cluster.Session($"concurrent/{i}/{Guid.NewGuid():N}")).ToList();
        foreach (var session in sessions)
        {
            await session.ConfigureAsync(new SessionOptions { ExtraArgs = [$"--fault-log={log}"] });
        }

        var answers = await Task.WhenAll(sessions.Select((s, i) => s.QueryAsync($"at once {i}")));

        Assert.All(answers.Select((a, i) => (a, i)), x => Assert.Equal($"at once {x.i} | turn 1", x.a.Text));
        Assert.InRange(FaultCliLog.MostAliveAtOnce(log), 1, BudgetCluster.MaxLiveProcesses);
    }

    [Fact]
    public async Task When_every_slot_stays_busy_waiting_starts_time_out_and_overflow_is_refused_at_once()
    {
        var sessions = Enumerable.Range(0, BudgetCluster.MaxLiveProcesses + BudgetCluster.MaxWaitingStarts + 2)
            .Select(i => cluster.Session($"busy/{i}/{Guid.NewGuid():N}")).ToList();

        // Each query holds its slot for about 5 s, longer than the 3 s a start may wait.
        var queries = sessions.Select(s => s.QueryAsync("hold the slot [slow:1000]")).ToList();
        var outcomes = await Task.WhenAll(queries.Select(async q =>
        {
            try
            {
                return (await q).Text;
            }
            catch (ClaudeSessionException ex) when (ex.Code == ClaudeErrorCode.Capacity)
            {
                return "capacity: " + ex.Message;
            }
        }));

        Assert.Equal(BudgetCluster.MaxLiveProcesses, outcomes.Count(o => o.StartsWith("hold the slot", StringComparison.Ordinal)));
        var refused = outcomes.Where(o => o.StartsWith("capacity: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(BudgetCluster.MaxWaitingStarts + 2, refused.Count);
        Assert.All(refused, r => Assert.Contains("MaxLiveProcesses", r));
        Assert.Equal(2, refused.Count(r => r.Contains("already waiting", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Refusals_for_want_of_a_slot_are_no_cli_failures_and_never_fault_the_session()
    {
        var session = cluster.Session($"refused/{Guid.NewGuid():N}");
        await using var blockers = await HoldEverySlotAsync("refused");
        var waiters = Enumerable.Range(0, BudgetCluster.MaxWaitingStarts).Select(i => cluster.Session($"refused/waiting/{i}/{Guid.NewGuid():N}")).ToList();
        var waiting = waiters.Select(w => w.QueryAsync("wait for a slot")).ToList();
        foreach (var waiter in waiters)
        {
            await SessionProbe.WaitForStateAsync(waiter, SessionState.Starting);
        }

        // More refusals than the restart intensity allows failures.
        for (var i = 0; i <= BudgetCluster.MaxRestarts; i++)
        {
            var refusal = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync($"refused {i}"));
            Assert.Equal(ClaudeErrorCode.Capacity, refusal.Code);
        }

        await blockers.EndAsync();
        await Task.WhenAll(waiting.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))); // served or timed out alike
        var served = await session.QueryAsync("served at last");

        Assert.Equal("served at last | turn 1", served.Text);
        Assert.Equal(0, (await session.GetStatusAsync()).Counters.Restarts);
    }

    [Fact]
    public async Task A_query_arriving_while_its_session_stops_its_process_waits_for_the_slot_instead_of_sharing_it()
    {
        var log = Path.Combine(cluster.DataRoot, $"stopping-{Guid.NewGuid():N}.log");
        var stopping = cluster.Session($"stopping/{Guid.NewGuid():N}");
        await stopping.ConfigureAsync(new SessionOptions { ExtraArgs = [$"--fault-log={log}", "--fault-ignore-eof"] }); // its stop takes the grace
        await stopping.QueryAsync("first");

        var restart = stopping.RestartAsync();
        await SessionProbe.WaitForStateAsync(stopping, SessionState.Hibernated); // the stop is under way: no event tells a client so
        var answer = await stopping.QueryAsync("during the stop");
        await restart;

        // Other sessions fill the budget: the stopping session's new process must be one of the counted ones.
        foreach (var i in Enumerable.Range(0, BudgetCluster.MaxLiveProcesses))
        {
            await cluster.Session($"stopping/other/{i}/{Guid.NewGuid():N}").QueryAsync("fill a slot");
        }

        Assert.Equal("during the stop | turn 1", answer.Text);
        Assert.InRange(cluster.LiveCliRootProcesses().Count, 1, BudgetCluster.MaxLiveProcesses);
    }

    [Fact]
    public async Task A_query_and_a_warm_up_waiting_for_a_slot_together_start_one_process()
    {
        var log = Path.Combine(cluster.DataRoot, $"shared-start-{Guid.NewGuid():N}.log");
        var name = $"shared-start/{Guid.NewGuid():N}";
        var options = new SessionOptions { ExtraArgs = [$"--fault-log={log}"] };
        await cluster.Manager.StartSessionAsync(name, options);
        await using var blockers = await HoldEverySlotAsync("shared-start");

        // The warm-up goes first (through the manager) and waits for a slot; the query, one hop from here, arrives
        // while it waits, as the slots only come free once the blockers' interrupts have gone round.
        var warmUp = cluster.Manager.StartSessionAsync(name, options, warm: true);
        await SessionProbe.WaitForStateAsync(cluster.Session(name), SessionState.Starting);
        var query = cluster.Session(name).QueryAsync("one process");
        await blockers.EndAsync();
        var answer = await query;
        await warmUp;
        await cluster.Manager.TerminateSessionAsync(name);

        Assert.Equal("one process | turn 1", answer.Text);
        Assert.Equal(1, FaultCliLog.MostAliveAtOnce(log));
        Assert.DoesNotContain(FaultCliLog.Pids(log), ProcessProbe.IsAlive);
    }

    [Fact]
    public async Task A_query_whose_time_runs_out_while_it_waits_for_a_slot_starts_no_process()
    {
        var (session, log) = await LoggedSessionAsync("late");
        await using var blockers = await HoldEverySlotAsync("late");

        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync("too late", new QueryOptions { Timeout = TimeSpan.FromMilliseconds(300) }));
        await blockers.EndAsync();

        Assert.Equal(ClaudeErrorCode.Timeout, error.Code);
        Assert.Contains("before its CLI process had started", error.Message);
        Assert.False(File.Exists(log), "a process was started for a query that had already timed out");
        Assert.Equal(0, (await session.GetStatusAsync()).Counters.Restarts);
    }

    [Fact]
    public async Task A_query_interrupted_while_it_waits_for_a_slot_ends_at_once_and_its_prompt_is_never_sent()
    {
        var (session, log) = await LoggedSessionAsync("interrupted-waiting");
        await using var blockers = await HoldEverySlotAsync("interrupted-waiting");

        var query = session.QueryAsync("never sent");
        await SessionProbe.WaitForStateAsync(session, SessionState.Starting);
        await session.InterruptAsync();
        var result = await query; // with the slots still held: it would otherwise wait, then fail with Capacity
        var started = File.Exists(log);
        await blockers.EndAsync();
        var next = await session.QueryAsync("sent after all");

        Assert.True(result.IsError);
        Assert.Equal("error_during_execution", result.Subtype);
        Assert.False(started, "a process was started for a query that had been interrupted");
        Assert.Equal("sent after all | turn 1", next.Text); // the first prompt never reached a CLI
        Assert.Equal(0, (await session.GetStatusAsync()).Counters.Restarts);
    }

    /// <summary>A new session whose fault CLI logs every start and exit to the returned file.</summary>
    private async Task<(IClaudeSessionGrain Session, string Log)> LoggedSessionAsync(string prefix)
    {
        var log = Path.Combine(cluster.DataRoot, $"{prefix}-{Guid.NewGuid():N}.log");
        var session = cluster.Session($"{prefix}/{Guid.NewGuid():N}");
        await session.ConfigureAsync(new SessionOptions { ExtraArgs = [$"--fault-log={log}"] });
        return (session, log);
    }

    private async Task<SlotBlockers> HoldEverySlotAsync(string prefix)
    {
        var blockers = new SlotBlockers();
        foreach (var i in Enumerable.Range(0, BudgetCluster.MaxLiveProcesses))
        {
            await blockers.StartAsync(cluster.Session($"{prefix}/blocker/{i}/{Guid.NewGuid():N}"));
        }

        return blockers;
    }

}
