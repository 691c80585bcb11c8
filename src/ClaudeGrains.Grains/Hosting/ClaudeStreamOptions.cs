namespace ClaudeGrains.Grains.Hosting;

/// <summary>How the session event streams are delivered (configuration <c>ClaudeGrains:Streams</c>).</summary>
public sealed class ClaudeStreamOptions
{
    /// <summary>
    /// How often the silo looks for new events to deliver to stream subscribers. The in-memory streams are pulled,
    /// so this bounds the delay a subscriber sees (half of it on average); each look costs a local grain call per
    /// queue, idle or not. Default 1 ms.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Queues the events of all sessions are spread over, each pulled on its own. Default 2.</summary>
    public int Queues { get; set; } = 2;
}
