namespace ClaudeGrains.Grains.Hosting;

/// <summary>How the session event streams are delivered (configuration <c>ClaudeGrains:Streams</c>).</summary>
public sealed class ClaudeStreamOptions
{
    /// <summary>
    /// How soon the silo starts reading a stream queue again after a read came back empty or was put off (a new
    /// subscription being registered). A read itself waits for the next event, which is delivered as soon as it is
    /// published (see <see cref="Streaming.LongPollingStreamQueueGrain"/>), so this costs nothing while events flow and
    /// about one tick per second per idle queue. Default 1 ms.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Shortest time between two writes of a session's events to its stream. The first delta of a query and the end
    /// of a query are written at once; the events in between are gathered into one write per interval, so a streamed
    /// answer costs a few stream writes rather than one per line the CLI writes. Zero writes whenever the previous
    /// write is done. Default 5 ms.
    /// </summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Queues the events of all sessions are spread over, each pulled on its own. Default 2.</summary>
    public int Queues { get; set; } = 2;
}
