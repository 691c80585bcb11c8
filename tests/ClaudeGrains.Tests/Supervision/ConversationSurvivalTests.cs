using System.Diagnostics;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Supervision;

/// <summary>With the real CLI: the conversation outlives its process, and starts over only when asked or lost.</summary>
[Collection(RealCliCollection.Name)]
public sealed class ConversationSurvivalTests(RealCliCluster cluster)
{

    [Fact]
    public async Task After_kill_minus_nine_the_next_query_resumes_the_conversation()
    {
        var session = cluster.Session(UniqueName.For("survival/kill9"));
        var first = await session.QueryAsync("remember the number 42");
        var pid = (await session.GetStatusAsync()).ProcessId!.Value;
        await TranscriptProbe.WaitForTextAsync(cluster.DataRoot, first.CliSessionId!, first.Text, TimeSpan.FromSeconds(30));

        using (var cli = Process.GetProcessById(pid))
        {
            cli.Kill(); // SIGKILL: no chance to flush or say goodbye
            await cli.WaitForExitAsync();
        }

        var second = await session.QueryAsync("what was the number?");

        Assert.Equal("what was the number? | 3 messages", second.Text);
        Assert.Equal(first.CliSessionId, second.CliSessionId);
        var request = Assert.Single(cluster.Api.Requests, r => r.LastUserText == "what was the number?");
        Assert.Contains(request.Messages, m => m.Role == "user" && m.Text.Contains("remember the number 42"));
        var status = await session.GetStatusAsync();
        Assert.NotEqual(pid, status.ProcessId);
        Assert.Equal(1, status.Counters.Restarts);
        Assert.Contains("killed by signal 9", status.LastFailure);
    }

    [Fact]
    public async Task RestartAsync_starts_a_fresh_conversation()
    {
        var session = cluster.Session(UniqueName.For("survival/explicit-restart"));
        var first = await session.QueryAsync("before restart");

        await session.RestartAsync();
        var second = await session.QueryAsync("after restart");

        Assert.Equal("after restart | 1 messages", second.Text);
        Assert.NotEqual(first.CliSessionId, second.CliSessionId);
        Assert.False(second.ConversationReset);
        Assert.Equal(1, (await session.GetStatusAsync()).Counters.Restarts);
    }

    [Fact]
    public async Task A_lost_transcript_starts_a_fresh_conversation_and_says_so()
    {
        var session = cluster.Session(UniqueName.For("survival/lost-transcript"));
        var first = await session.QueryAsync("soon forgotten");
        await session.ConfigureAsync(new SessionOptions { AppendSystemPrompt = "Restart me." }); // stops the process
        foreach (var transcript in Directory.EnumerateFiles(cluster.DataRoot, $"{first.CliSessionId}.jsonl", SearchOption.AllDirectories))
        {
            File.Delete(transcript);
        }

        var second = await session.QueryAsync("anyone there?");
        var status = await session.GetStatusAsync();

        Assert.True(second.ConversationReset);
        Assert.Equal("anyone there? | 1 messages", second.Text);
        Assert.NotEqual(first.CliSessionId, second.CliSessionId);
        Assert.NotNull(status.ConversationResetAt);
        Assert.Equal(SessionState.Ready, status.State);
        Assert.Equal("and now? | 3 messages", (await session.QueryAsync("and now?")).Text);
    }

    [Fact]
    public async Task An_idle_session_hibernates_and_wakes_up_with_its_conversation()
    {
        var session = cluster.Session(UniqueName.For("survival/hibernate"));
        // Long enough that the status below comes before the nap even on a busy machine: it names the process to watch.
        await session.ConfigureAsync(new SessionOptions { IdleTimeout = TimeSpan.FromSeconds(3) });
        await session.QueryAsync("before the nap");
        var pid = (await session.GetStatusAsync()).ProcessId!.Value;

        using (var cli = Process.GetProcessById(pid))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await cli.WaitForExitAsync(timeout.Token); // the idle timer stops the process
        }

        // ... and gives back the activation: the status and the query below come from a new one.
        await ActivationProbe.WaitUntilInactiveAsync(cluster.Client, session, TimeSpan.FromSeconds(30));

        var asleep = await session.GetStatusAsync();
        var awake = await session.QueryAsync("after the nap");

        Assert.Equal(SessionState.Hibernated, asleep.State);
        Assert.Null(asleep.ProcessId);
        Assert.Equal(1, asleep.Counters.Queries);
        Assert.Equal("after the nap | 3 messages", awake.Text);
    }
}
