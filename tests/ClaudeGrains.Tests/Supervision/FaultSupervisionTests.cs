using System.Diagnostics;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Supervision;

/// <summary>Restart intensity, fault isolation, resume fallback and timeouts, with injected faults.</summary>
[Collection(FaultCliCollection.Name)]
public sealed class FaultSupervisionTests(FaultCliCluster cluster)
{

    [Fact]
    public async Task A_crash_looping_session_faults_fails_fast_and_recovers_on_restart()
    {
        var session = cluster.Session(UniqueName.For("supervision/crash-loop"));
        await session.ConfigureAsync(new SessionOptions { ExtraArgs = ["--fault-exit-at-start=3"] });

        for (var i = 0; i <= FaultCliCluster.MaxRestarts; i++)
        {
            var failure = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync($"attempt {i}"));
            Assert.Equal(ClaudeErrorCode.CliExited, failure.Code);
            Assert.Contains("exiting at start as asked", failure.Message);
        }

        var fastFailure = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync("once more"));
        var faulted = await session.GetStatusAsync();

        Assert.Equal(ClaudeErrorCode.Faulted, fastFailure.Code);
        Assert.Contains("exited with code 3", fastFailure.Message);
        Assert.Equal(SessionState.Faulted, faulted.State);
        Assert.NotNull(faulted.FaultedUntil);
        Assert.Equal(FaultCliCluster.MaxRestarts, faulted.Counters.Restarts);
        Assert.Null(faulted.ProcessId);

        // Reconfiguring (here: without the fault) clears the fault.
        await session.ConfigureAsync(new SessionOptions());
        Assert.StartsWith("healthy again | ", (await session.QueryAsync("healthy again")).Text);
    }

    [Fact]
    public async Task A_restart_after_a_crash_is_counted_however_long_after_the_crash_it_comes()
    {
        var session = cluster.Session(UniqueName.For("supervision/restart-count"));

        var crash = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync("crash now [crash]"));
        await Task.Delay(FaultCliCluster.MaxBackoff); // the next query comes once the backoff is over: its start waits for nothing
        var answer = await session.QueryAsync("back again");
        var restarted = await session.GetStatusAsync();
        await session.QueryAsync("no restart here");

        Assert.Equal(ClaudeErrorCode.CliExited, crash.Code);
        Assert.StartsWith("back again | ", answer.Text);
        Assert.Equal(1, restarted.Counters.Restarts);
        Assert.Equal(1, (await session.GetStatusAsync()).Counters.Restarts);
    }

    [Fact]
    public async Task A_query_cut_off_by_terminate_before_its_turn_began_is_not_sent_again_to_a_new_process()
    {
        var log = Path.Combine(cluster.DataRoot, $"terminate-before-init-{Guid.NewGuid():N}.log");
        var name = UniqueName.For("supervision/terminate-before-init");
        await cluster.Manager.StartSessionAsync(name, new SessionOptions { ExtraArgs = [$"--fault-log={log}"] });
        var session = cluster.Session(name);
        await session.QueryAsync("first"); // its process is up

        // The CLI takes the prompt but has not begun the turn (no init yet) when the session is terminated.
        var query = session.QueryAsync("stuck before its turn [hang-before-init]", new QueryOptions { Timeout = TimeSpan.FromSeconds(20) });
        await SessionProbe.WaitForStateAsync(session, SessionState.Busy);
        await cluster.Manager.TerminateSessionAsync(name);
        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => query);

        Assert.Equal(ClaudeErrorCode.Terminated, error.Code);
        Assert.Single(FaultCliLog.Pids(log));
        Assert.DoesNotContain(FaultCliLog.Pids(log), ProcessProbe.IsAlive);
    }

    [Fact]
    public async Task RestartAsync_clears_a_fault()
    {
        var session = cluster.Session(UniqueName.For("supervision/restart-clears"));
        await session.ConfigureAsync(new SessionOptions { ExtraArgs = ["--fault-exit-at-start=2"] });
        for (var i = 0; i <= FaultCliCluster.MaxRestarts; i++)
        {
            await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync("fail"));
        }

        Assert.Equal(SessionState.Faulted, (await session.GetStatusAsync()).State);

        // The fault is part of the session's state: it outlives a deactivation.
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(SessionState.Faulted, (await session.GetStatusAsync()).State);
        await session.RestartAsync();

        Assert.Equal(SessionState.Hibernated, (await session.GetStatusAsync()).State);
    }

    [Fact]
    public async Task A_faulted_session_past_its_idle_timeout_stays_listed_and_counted_as_faulted()
    {
        var name = UniqueName.For("supervision/faulted-idle");
        var session = cluster.Session(name);
        // Idle long enough that the crash loop below ends before the session first goes idle.
        await cluster.Manager.StartSessionAsync(name, new SessionOptions { ExtraArgs = ["--fault-exit-at-start=3"], IdleTimeout = TimeSpan.FromSeconds(2) });
        for (var i = 0; i <= FaultCliCluster.MaxRestarts; i++)
        {
            await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync("fail"));
        }

        await cluster.Logs.WaitForLineAsync(line => line.Contains(name, StringComparison.Ordinal) && line.Contains("stays active until then", StringComparison.Ordinal));
        var listed = await cluster.Manager.ListSessionsAsync(new SessionFilter { Prefix = name, State = SessionState.Faulted });
        var counts = await cluster.Manager.CountSessionsAsync();

        Assert.Equal(name, Assert.Single(listed.Sessions).Name);
        Assert.True(counts.Faulted >= 1);
        Assert.True(await ActivationProbe.IsActiveAsync(cluster.Client, session));
        await session.RestartAsync(); // the listing's other tests see no faulted session of this one
    }

    [Fact]
    public async Task RestartAsync_during_a_query_lets_it_finish_in_the_old_conversation_then_starts_a_fresh_one()
    {
        var session = cluster.Session(UniqueName.For("supervision/restart-busy"));
        var before = await session.QueryAsync("before");
        await using var running = session.QueryStreamAsync("still the old conversation [slow:50]").GetAsyncEnumerator();
        Assert.True(await running.MoveNextAsync());

        await session.RestartAsync();
        ClaudeResult? during = null;
        while (await running.MoveNextAsync())
        {
            during = (running.Current as ResultEvent)?.Result ?? during;
        }

        var after = await session.QueryAsync("after");

        Assert.Equal(before.CliSessionId, during?.CliSessionId);
        Assert.NotEqual(before.CliSessionId, after.CliSessionId);
        Assert.Equal(after.CliSessionId, (await session.GetStatusAsync()).CliSessionId);
    }

    [Fact]
    public async Task Terminating_a_session_mid_query_fails_the_query_as_terminated_and_keeps_none_of_its_state()
    {
        var name = UniqueName.For("supervision/terminate-busy");
        var session = cluster.Session(name);
        await cluster.Manager.StartSessionAsync(name, new SessionOptions());
        await session.QueryAsync("earlier");

        // A whole-answer query: a streaming one would hear only that its enumeration ended with the activation.
        var running = session.QueryAsync("stuck [hang-after-output]");
        await SessionProbe.WaitForStateAsync(session, SessionState.Busy);
        Assert.True(await cluster.Manager.TerminateSessionAsync(name));
        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => running);

        Assert.Equal(ClaudeErrorCode.Terminated, error.Code);
        var status = await session.GetStatusAsync();
        Assert.Equal(0, status.Counters.Queries);
        Assert.Null(status.LastFailure);
        Assert.Null(status.CliSessionId);
    }

    [Fact]
    public async Task A_crashing_session_does_not_disturb_other_sessions()
    {
        var crasher = cluster.Session(UniqueName.For("supervision/crasher"));
        var healthy = Enumerable.Range(0, 3).Select(i => cluster.Session(UniqueName.For($"supervision/healthy-{i}"))).ToList();

        var crashes = Enumerable.Range(0, 4).Select(i => crasher.QueryAsync($"crash {i} [crash:9]")).ToList();
        var answers = await Task.WhenAll(healthy.SelectMany(s => Enumerable.Range(0, 3).Select(i => s.QueryAsync($"steady {i} [slow:5]"))));

        foreach (var crash in crashes)
        {
            await Assert.ThrowsAsync<ClaudeSessionException>(() => crash);
        }

        Assert.Equal(9, answers.Length);
        Assert.All(answers, a => Assert.Contains("steady", a.Text));
        Assert.All(answers, a => Assert.False(a.IsError));
    }

    [Fact]
    public async Task A_conversation_that_cannot_be_resumed_restarts_fresh_once_and_says_so()
    {
        var session = cluster.Session(UniqueName.For("supervision/resume-fails"));
        await session.ConfigureAsync(new SessionOptions { ExtraArgs = ["--fault-resume-fails"] });
        var first = await session.QueryAsync("first");

        // Reconfiguring restarts the process, which then tries to --resume the conversation.
        await session.ConfigureAsync(new SessionOptions { ExtraArgs = ["--fault-resume-fails", "--fault-note=again"] });
        var second = await session.QueryAsync("second");
        var status = await session.GetStatusAsync();

        Assert.False(first.ConversationReset);
        Assert.True(second.ConversationReset);
        Assert.False(second.IsError);
        Assert.Equal("second | turn 1", second.Text);
        Assert.NotEqual(first.CliSessionId, second.CliSessionId);
        Assert.NotNull(status.ConversationResetAt);
        Assert.Contains("could not resume", status.LastFailure, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SessionState.Ready, status.State);
    }

    [Fact]
    public async Task A_per_call_timeout_overrides_the_session_default()
    {
        var session = cluster.Session(UniqueName.For("supervision/per-call-timeout"));

        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() =>
            session.QueryAsync("never answers [hang]", new QueryOptions { Timeout = TimeSpan.FromSeconds(1) }));

        Assert.Equal(ClaudeErrorCode.Timeout, error.Code);
        Assert.Contains("00:00:01", error.Message);
        Assert.StartsWith("next | ", (await session.QueryAsync("next")).Text);
    }

    [Fact]
    public async Task A_silent_cli_trips_the_inactivity_timeout_and_keeps_the_conversation()
    {
        var session = cluster.Session(UniqueName.For("supervision/inactivity"));
        var before = await session.QueryAsync("before");

        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() =>
            session.QueryAsync("goes quiet [hang-after-output]", new QueryOptions { InactivityTimeout = TimeSpan.FromSeconds(1) }));
        var after = await session.QueryAsync("after");

        Assert.Equal(ClaudeErrorCode.Timeout, error.Code);
        Assert.Contains("inactivity", error.Message);
        Assert.Equal(before.CliSessionId, after.CliSessionId);
    }

    [Fact]
    public async Task Invalid_query_options_are_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            cluster.Session(UniqueName.For("supervision/bad-query-options")).QueryAsync("x", new QueryOptions { Timeout = TimeSpan.FromSeconds(-1) }));

        Assert.Contains("Timeout", error.Message);
    }

    [Fact]
    public async Task Cancelling_a_running_query_interrupts_it_and_the_session_goes_on()
    {
        var session = cluster.Session(UniqueName.For("supervision/cancel-running"));
        using var cancel = new CancellationTokenSource();

        var events = session.QueryStreamAsync("a long answer [slow:200]", cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await events.MoveNextAsync());
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await events.MoveNextAsync())
            {
            }
        });
        await events.DisposeAsync();

        Assert.StartsWith("afterwards | ", (await session.QueryAsync("afterwards")).Text);
    }

    [Fact]
    public async Task RestartAsync_leaves_no_process_of_the_old_cli_alive_children_included()
    {
        var log = Path.Combine(cluster.DataRoot, $"restart-tree-{Guid.NewGuid():N}.log");
        var session = cluster.Session(UniqueName.For("supervision/restart-tree"));
        await session.ConfigureAsync(new SessionOptions { ExtraArgs = ["--fault-ignore-eof", $"--fault-log={log}"] });
        await session.QueryAsync("make a child [spawn]");
        var cli = (await session.GetStatusAsync()).ProcessId!.Value;
        var child = FaultCliLog.ChildPid(log);

        await session.RestartAsync();

        Assert.False(ProcessProbe.IsAlive(cli), "the old CLI survived RestartAsync");
        Assert.False(ProcessProbe.IsAlive(child), "the old CLI's child survived RestartAsync");
    }
}
