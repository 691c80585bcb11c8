using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Sessions;

/// <summary>
/// A session idle for its IdleTimeout stops its process and gives back its grain activation: a hibernated session
/// costs the silo only its registry entry, and the next call brings it back from its persisted state.
/// </summary>
[Collection(FaultCliCollection.Name)]
public sealed class IdleDeactivationTests(FaultCliCluster cluster)
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_hibernated_session_gives_back_its_activation_and_resumes_its_conversation()
    {
        var name = UniqueName.For("idle/asked");
        var session = cluster.Session(name);
        // The CLI logs its pid: asking the session for it after the answer could come after the nap on a busy machine.
        var log = Path.Combine(cluster.DataRoot, $"idle-{Guid.NewGuid():N}.log");
        await session.ConfigureAsync(new SessionOptions { Model = "idle-model", IdleTimeout = Idle, ExtraArgs = [$"--fault-log={log}"] });
        var first = await session.QueryAsync("before the nap");

        await ActivationProbe.WaitUntilInactiveAsync(cluster.Client, session, Patience);
        var pid = Assert.Single(FaultCliLog.Pids(log));
        var listed = Assert.Single((await cluster.Manager.ListSessionsAsync(new SessionFilter { Prefix = name })).Sessions);
        var asleep = await session.GetStatusAsync();
        var awake = await session.QueryAsync("after the nap");

        Assert.False(ProcessProbe.IsAlive(pid));
        Assert.Equal(SessionState.Hibernated, listed.State);
        Assert.Equal(SessionState.Hibernated, asleep.State);
        Assert.Null(asleep.ProcessId);
        Assert.Equal(1, asleep.Counters.Queries);
        Assert.Equal(first.CliSessionId, asleep.CliSessionId);
        Assert.Equal(first.CliSessionId, awake.CliSessionId); // the new process was started with --resume
        Assert.Equal("idle-model", (await session.GetOptionsAsync()).Model);
    }

    [Fact]
    public async Task A_session_that_was_only_configured_gives_back_its_activation_without_starting_a_process()
    {
        var name = UniqueName.For("idle/configured");
        var session = cluster.Session(name);
        await session.ConfigureAsync(new SessionOptions { Model = "never-asked", IdleTimeout = Idle });

        await ActivationProbe.WaitUntilInactiveAsync(cluster.Client, session, Patience);
        var counts = await cluster.Manager.CountSessionsAsync();
        var status = await session.GetStatusAsync();

        Assert.True(await cluster.Manager.IsRegisteredAsync(name));
        Assert.True(counts.Hibernated >= 1);
        Assert.Equal(SessionState.Hibernated, status.State);
        Assert.Equal(0, status.Counters.Queries);
        Assert.Equal("never-asked", (await session.GetOptionsAsync()).Model);
    }

    [Fact]
    public async Task A_session_in_use_keeps_its_activation_past_its_idle_timeout()
    {
        var session = cluster.Session(UniqueName.For("idle/busy"));
        await session.ConfigureAsync(new SessionOptions { IdleTimeout = Idle });

        // Five words at 400 ms each: the query outlasts the idle timeout.
        var answer = await session.QueryAsync("slowly [slow:400]");

        Assert.Equal("slowly [slow:400] | turn 1", answer.Text);
        Assert.Equal(SessionState.Ready, (await session.GetStatusAsync()).State);
    }
}
