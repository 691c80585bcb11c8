using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Sessions;

/// <summary>Status and interrupt answer while a query runs; processes die with their grain.</summary>
[Collection(RealCliCollection.Name)]
public sealed class SessionControlTests(RealCliCluster cluster)
{
    [Fact]
    public async Task Status_and_interrupt_answer_while_a_query_runs()
    {
        var session = cluster.Session($"interrupt/{Guid.NewGuid():N}");
        await using var stream = session.QueryStreamAsync("take your time [deltas:400] [slow:50]").GetAsyncEnumerator();

        // The first delta proves the query is running inside the CLI.
        Assert.True(await stream.MoveNextAsync());
        while (stream.Current is not TextDeltaEvent)
        {
            Assert.True(await stream.MoveNextAsync());
        }

        var busy = await session.GetStatusAsync();
        await session.InterruptAsync();
        var events = new List<ClaudeEvent>();
        while (await stream.MoveNextAsync())
        {
            events.Add(stream.Current);
        }

        Assert.Equal(SessionState.Busy, busy.State);
        var result = Assert.IsType<ResultEvent>(events[^1]).Result;
        Assert.True(events.OfType<TextDeltaEvent>().Count() < 399, "the interrupt should cut the answer short");
        Assert.Equal(SessionState.Ready, (await session.GetStatusAsync()).State);
        Assert.NotEqual(Guid.Empty, result.QueryId);

        // The session stays usable after an interrupt.
        var next = await session.QueryAsync("still there?");
        Assert.StartsWith("still there? | ", next.Text);
    }

    [Fact]
    public async Task A_streaming_caller_of_a_session_terminated_mid_answer_hears_that_it_was_terminated()
    {
        var name = $"terminated-stream/{Guid.NewGuid():N}";
        var session = cluster.Session(name);
        await using var stream = session.QueryStreamAsync("take your time [deltas:400] [slow:50]").GetAsyncEnumerator();
        do
        {
            Assert.True(await stream.MoveNextAsync());
        }
        while (stream.Current is not TextDeltaEvent);

        Assert.True(await cluster.Manager.TerminateSessionAsync(name));
        var error = await Assert.ThrowsAsync<ClaudeSessionException>(async () =>
        {
            while (await stream.MoveNextAsync())
            {
            }
        });

        Assert.Equal(ClaudeErrorCode.Terminated, error.Code);
        Assert.Equal(name, error.SessionName);
        // Once its caller has heard, the terminated session gives back its activation as before.
        await ActivationProbe.WaitUntilInactiveAsync(cluster.Client, session, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_deactivated_session_leaves_no_process_and_resumes_its_conversation()
    {
        var session = cluster.Session($"deactivate/{Guid.NewGuid():N}");
        await session.QueryAsync("remember me");
        var pid = (await session.GetStatusAsync()).ProcessId!.Value;
        Assert.Contains(pid, cluster.LiveCliProcesses());

        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.DoesNotContain(pid, cluster.LiveCliProcesses());
        var after = await session.QueryAsync("do you remember?");
        Assert.Equal("do you remember? | 3 messages", after.Text);
    }
}
