using ClaudeGrains.Tests.Infrastructure;
using Orleans.Providers;

namespace ClaudeGrains.Tests.Streaming;

/// <summary>
/// The silo's memory stream queues answer a read of an empty queue with the next event enqueued, not with nothing:
/// that is what lets events reach subscribers without waiting out a poll interval.
/// </summary>
[Collection(FaultCliCollection.Name)]
public sealed class StreamQueueTests(FaultCliCluster cluster)
{
    [Fact]
    public async Task A_read_of_an_empty_queue_waits_for_the_next_event()
    {
        var queue = cluster.Client.GetGrain<IMemoryStreamQueueGrain>(Guid.NewGuid());
        var stream = StreamId.Create(ClaudeStreams.SessionEventsNamespace, "queue-test");

        var read = queue.Dequeue(10, CancellationToken.None);
        await queue.Enqueue(new MemoryMessageData { StreamId = stream, Payload = new ArraySegment<byte>([42]) }, CancellationToken.None);
        var events = await read;

        var only = Assert.Single(events);
        Assert.Equal(stream, only.StreamId);
        Assert.Equal([42], only.Payload.ToArray());
    }

    [Fact]
    public async Task Events_come_out_in_the_order_they_went_in_with_rising_sequence_numbers()
    {
        var queue = cluster.Client.GetGrain<IMemoryStreamQueueGrain>(Guid.NewGuid());
        var stream = StreamId.Create(ClaudeStreams.SessionEventsNamespace, "queue-order");
        foreach (var b in new byte[] { 1, 2, 3 })
        {
            await queue.Enqueue(new MemoryMessageData { StreamId = stream, Payload = new ArraySegment<byte>([b]) }, CancellationToken.None);
        }

        var events = await queue.Dequeue(2, CancellationToken.None);
        var rest = await queue.Dequeue(10, CancellationToken.None);

        Assert.Equal([1, 2, 3], events.Concat(rest).Select(e => e.Payload[0]));
        Assert.True(events[0].SequenceNumber < events[1].SequenceNumber && events[1].SequenceNumber < rest[0].SequenceNumber);
    }
}
