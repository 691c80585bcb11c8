using Orleans.Concurrency;
using Orleans.Providers;

namespace ClaudeGrains.Grains.Streaming;

/// <summary>
/// Orleans' in-memory stream queue, with one change: a read of an empty queue waits for the next event (up to
/// <see cref="MaxWait"/>) instead of answering at once. The stock queue is pulled on a timer, so a subscriber waited
/// up to a whole poll interval for each event and an idle silo made a grain call per queue per interval; here the
/// pulling agent's read is answered the moment an event is enqueued, and an idle queue costs one call per
/// <see cref="MaxWait"/>. <see cref="Hosting.ClaudeGrainsSiloBuilderExtensions.AddClaudeGrains"/> registers it in
/// place of <see cref="MemoryStreamQueueGrain"/>, so it serves every memory stream provider of the silo.
/// Reentrant so that events are enqueued while a read waits; one scheduler means no locking.
/// </summary>
/// <param name="stopSignal">Ends every wait once the silo stops, so that a stopping agent finds no read to cancel.</param>
[Reentrant]
public sealed class LongPollingStreamQueueGrain(StreamQueueStopSignal stopSignal) : Grain, IMemoryStreamQueueGrain
{
    /// <summary>Longest a read of an empty queue waits; short enough that a silo stopping never waits on it for long.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    // The stock queue's limit: a stream nobody drains fails its producers instead of growing without bound.
    private const int MaxEventCount = 16384;

    private readonly Queue<MemoryMessageData> _events = new();
    private long _sequenceNumber = DateTime.UtcNow.Ticks;
    private TaskCompletionSource? _arrival;

    /// <inheritdoc />
    public Task Enqueue(MemoryMessageData data) => Enqueue(data, CancellationToken.None);

    /// <inheritdoc />
    public Task Enqueue(MemoryMessageData data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_events.Count >= MaxEventCount)
        {
            throw new InvalidOperationException($"The stream queue holds {MaxEventCount} undelivered events; this one was refused.");
        }

        data.SequenceNumber = _sequenceNumber++;
        _events.Enqueue(data);
        var arrival = _arrival;
        _arrival = null;
        arrival?.TrySetResult();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<List<MemoryMessageData>> Dequeue(int maxCount) => Dequeue(maxCount, CancellationToken.None);

    /// <inheritdoc />
    public async Task<List<MemoryMessageData>> Dequeue(int maxCount, CancellationToken cancellationToken)
    {
        if (_events.Count == 0 && !stopSignal.Stopping.IsCancellationRequested)
        {
            _arrival ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopSignal.Stopping);
            try
            {
                await _arrival.Task.WaitAsync(MaxWait, stopping.Token);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // Nothing came (or the agent is stopping): an empty read, as the stock queue would give.
            }
        }

        var taken = new List<MemoryMessageData>(Math.Min(maxCount, _events.Count));
        while (taken.Count < maxCount && _events.TryDequeue(out var data))
        {
            taken.Add(data);
        }

        return taken;
    }
}
