namespace ClaudeGrains.Grains.Streaming;

/// <summary>
/// Tells this silo's <see cref="LongPollingStreamQueueGrain"/>s that the silo is stopping, just before the stream
/// pulling agents stop. The agents cancel a read still in flight when they stop, and Orleans logs that as an error;
/// reads that answer at once from here on leave nothing in flight for them to cancel.
/// </summary>
public sealed class StreamQueueStopSignal : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled once the silo begins to stop its stream providers.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        // Stop runs in descending stage order, so this runs before the stream providers' stop at Active.
        lifecycle.Subscribe(nameof(StreamQueueStopSignal), ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, _ => _stopping.CancelAsync());
}
