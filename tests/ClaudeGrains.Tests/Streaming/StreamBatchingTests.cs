using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Streaming;

/// <summary>
/// A session gathers its events into stream writes at most once per <c>ClaudeGrains:Streams:BatchInterval</c>, but
/// never holds back the first delta of a query or its end. This cluster's interval is ten minutes, so anything held
/// would outlast the test.
/// </summary>
[Collection(FaultCliCollection.Name)]
public sealed class StreamBatchingTests(FaultCliCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_first_delta_reaches_a_subscriber_while_the_answer_is_still_being_written()
    {
        var name = UniqueName.For("batching/first-delta");
        await using var recorder = await StreamRecorder.SubscribeAsync(cluster.Client, name);
        using var cancel = new CancellationTokenSource();
        var query = cluster.Session(name).QueryAsync("one word then silence [hang-after-output]", cancel.Token);

        var first = await recorder.NextAsync(e => e is TextDeltaEvent, Patience);

        Assert.False(query.IsCompleted, "the query ended before its first delta reached the subscriber");
        Assert.Equal("one ", ((TextDeltaEvent)first).Text);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        var end = Assert.IsType<QueryCompletedEvent>((await recorder.NextQueryAsync(Patience))[^1]);
        Assert.True(end.IsError);
    }

    [Fact]
    public async Task Events_gathered_for_a_batch_go_out_with_the_end_of_the_query()
    {
        var name = UniqueName.For("batching/end");
        await using var recorder = await StreamRecorder.SubscribeAsync(cluster.Client, name);

        var answer = await cluster.Session(name).QueryAsync("several words written one by one [slow:5]");
        var published = await recorder.NextQueryAsync(Patience);

        Assert.IsType<QueryCompletedEvent>(published[^1]);
        Assert.Equal(answer.Text, string.Concat(published.OfType<TextDeltaEvent>().Select(d => d.Text)));
        Assert.Equal(Enumerable.Range(0, published.Count).Select(i => (long)i), published.Select(e => e.Sequence));
    }
}
