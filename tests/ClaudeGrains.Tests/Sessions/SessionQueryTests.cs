using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Sessions;

/// <summary>Queries through the real CLI: answers, conversation history, streaming and isolation.</summary>
[Collection(RealCliCollection.Name)]
public sealed class SessionQueryTests(RealCliCluster cluster)
{

    [Fact]
    public async Task A_query_returns_the_models_answer_with_usage_and_cost()
    {
        var session = cluster.Session(UniqueName.For("answer"));

        var result = await session.QueryAsync("hello there");

        Assert.Equal("hello there | 1 messages", result.Text);
        Assert.False(result.IsError);
        Assert.Equal("success", result.Subtype);
        Assert.Equal(1, result.NumTurns);
        Assert.False(string.IsNullOrEmpty(result.CliSessionId));
        Assert.True(result.Usage.OutputTokens > 0);
        Assert.True(result.TotalCostUsd > 0);
        Assert.NotEqual(Guid.Empty, result.QueryId);
        var request = Assert.Single(cluster.Api.Requests, r => r.LastUserText == "hello there");
        Assert.True(request.HasApiKey);
    }

    [Fact]
    public async Task Each_answer_reports_its_own_cost_and_the_session_counts_their_sum()
    {
        var session = cluster.Session(UniqueName.For("cost"));

        // The same usage twice, so the two turns cost the same, though the CLI reports its process's running total.
        var first = await session.QueryAsync("what does this cost? [input-tokens:2000] [deltas:20]");
        var second = await session.QueryAsync("and this? [input-tokens:2000] [deltas:20]");
        var status = await session.GetStatusAsync();

        Assert.Equal(first.Usage, second.Usage);
        Assert.True(first.TotalCostUsd > 0);
        Assert.Equal(first.TotalCostUsd, second.TotalCostUsd);
        Assert.Equal(first.TotalCostUsd + second.TotalCostUsd, status.Counters.CostUsd);
        Assert.True(second.ApiDuration <= second.Duration, $"the second query's API time ({second.ApiDuration}) is its own, within its duration ({second.Duration})");
    }

    [Fact]
    public async Task The_second_query_carries_the_conversation_so_far()
    {
        var session = cluster.Session(UniqueName.For("history"));

        var first = await session.QueryAsync("first question");
        var second = await session.QueryAsync("second question");

        Assert.Equal("first question | 1 messages", first.Text);
        Assert.Equal("second question | 3 messages", second.Text);
        Assert.Equal(first.CliSessionId, second.CliSessionId);
        var request = Assert.Single(cluster.Api.Requests, r => r.LastUserText == "second question");
        Assert.Contains(request.Messages, m => m.Role == "user" && m.Text.Contains("first question"));
        Assert.Contains(request.Messages, m => m.Role == "assistant" && m.Text == "first question | 1 messages");
    }

    [Fact]
    public async Task Two_sessions_keep_separate_conversations_and_processes()
    {
        var a = cluster.Session(UniqueName.For("independent-a"));
        var b = cluster.Session(UniqueName.For("independent-b"));

        var a1 = await a.QueryAsync("to a");
        var b1 = await b.QueryAsync("to b");
        var a2 = await a.QueryAsync("to a again");

        Assert.Equal("to b | 1 messages", b1.Text);
        Assert.Equal("to a again | 3 messages", a2.Text);
        Assert.NotEqual(a1.CliSessionId, b1.CliSessionId);
        var statusA = await a.GetStatusAsync();
        var statusB = await b.GetStatusAsync();
        Assert.NotNull(statusA.ProcessId);
        Assert.NotEqual(statusA.ProcessId, statusB.ProcessId);
    }

    [Fact]
    public async Task Streaming_yields_many_deltas_then_exactly_one_result()
    {
        var session = cluster.Session(UniqueName.For("stream"));

        var events = new List<ClaudeEvent>();
        await foreach (var @event in session.QueryStreamAsync("count for me [deltas:60]"))
        {
            events.Add(@event);
        }

        var deltas = events.OfType<TextDeltaEvent>().ToList();
        Assert.True(deltas.Count >= 60, $"expected at least 60 deltas, got {deltas.Count}");
        var result = Assert.IsType<ResultEvent>(events[^1]);
        Assert.Single(events.OfType<ResultEvent>());
        Assert.Equal(result.Result.Text, string.Concat(deltas.Select(d => d.Text)));
        Assert.True(events.IndexOf(deltas[0]) < events.IndexOf(events.OfType<AssistantMessageEvent>().Single()));
        Assert.All(events, e => Assert.Equal(result.Result.QueryId, e.QueryId));
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_stream_subscriber_sees_the_same_events_in_order_with_an_end_marker()
    {
        var name = UniqueName.For("subscribed");
        var session = cluster.Session(name);
        await using var recorder = await StreamRecorder.SubscribeAsync(cluster.Client, name);

        var callerEvents = new List<ClaudeEvent>();
        await foreach (var @event in session.QueryStreamAsync("watch this [deltas:20]"))
        {
            callerEvents.Add(@event);
        }

        var published = await recorder.NextQueryAsync(TimeSpan.FromSeconds(30));

        var started = Assert.IsType<QueryStartedEvent>(published[0]);
        Assert.Equal("watch this [deltas:20]", started.Prompt);
        var completed = Assert.IsType<QueryCompletedEvent>(published[^1]);
        Assert.False(completed.IsError);
        Assert.Equal(callerEvents, published.Skip(1).SkipLast(1));
        Assert.Equal(Enumerable.Range(0, published.Count).Select(i => (long)i), published.Select(e => e.Sequence));
        Assert.All(published, e => Assert.Equal(name, e.SessionName));
    }

    [Fact]
    public async Task Concurrent_queries_to_one_session_each_get_their_own_answer_one_at_a_time()
    {
        var session = cluster.Session(UniqueName.For("concurrent"));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => session.QueryAsync($"question {i}")));

        for (var i = 0; i < 10; i++)
        {
            Assert.StartsWith($"question {i} | ", results[i].Text);
        }

        // Run one after another in one conversation, each query saw the history of all before it.
        var messageCounts = results.Select(r => int.Parse(r.Text.Split(" | ")[1].Split(' ')[0])).Order();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 2 * i + 1), messageCounts);
    }

    [Fact]
    public async Task Status_reports_the_live_process_and_counters()
    {
        var name = UniqueName.For("status");
        var session = cluster.Session(name);

        var before = await session.GetStatusAsync();
        await session.QueryAsync("one");
        await session.QueryAsync("two");
        var after = await session.GetStatusAsync();

        Assert.Equal(SessionState.Hibernated, before.State);
        Assert.Null(before.ProcessId);
        Assert.Equal(SessionState.Ready, after.State);
        Assert.Equal(name, after.Name);
        Assert.NotNull(after.ProcessId);
        Assert.Equal("2.1.197", after.CliVersion);
        Assert.Equal(2, after.Counters.Queries);
        Assert.Equal(2, after.Counters.Turns);
        Assert.True(after.Counters.CostUsd > 0);
        Assert.NotNull(after.LastActiveAt);
        Assert.False(string.IsNullOrEmpty(after.Silo));
    }
}
