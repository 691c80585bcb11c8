using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// Stamps each event of a query (query id, gap-free sequence, session name) and delivers it to the caller at once and
/// to the session's Orleans stream in order, in batches, behind the turn: a turn never waits for the stream, and the
/// 200 deltas of an answer cost a handful of stream writes instead of 200. A failing stream never fails the query.
/// Used only from its grain's scheduler, so it needs no locking.
/// </summary>
/// <remarks>
/// Batches go out at most once per <c>batchInterval</c>, except that the first delta of a query and the end of a
/// query go at once: subscribers see an answer begin and end without delay, and the deltas in between arrive a few
/// milliseconds apart in a few writes. Without the pause a lone session's deltas, which the CLI writes a line at a
/// time, went out ~50 writes per answer, each a queue grain call and a pulling-agent read on the silo's CPU.
/// </remarks>
internal sealed class SessionEventPublisher(string sessionName, IAsyncStream<ClaudeEvent>? stream, TimeSpan batchInterval, TimeProvider time, ILogger logger)
{
    private List<ClaudeEvent> _pending = [];
    private Task _sending = Task.CompletedTask;
    private long _lastSentAt;
    private bool _urgent;
    private TaskCompletionSource? _hurry;
    private Guid _deltaSeenFor;

    /// <summary>Completes once every event published so far is on the stream (or its write failed and was logged).</summary>
    public Task Sent => _sending;

    /// <summary>Stamps <paramref name="event"/> and delivers it.</summary>
    /// <param name="query">The query the event belongs to.</param>
    /// <param name="event">The event, stamped here.</param>
    /// <param name="toCaller">Whether the query's caller gets it too (a streaming caller's events).</param>
    /// <param name="send">
    /// False to only queue it for the stream: the next event published sends it. Lets a reply queued in between go
    /// out first.
    /// </param>
    public void Publish(PendingQuery query, ClaudeEvent @event, bool toCaller = true, bool send = true)
    {
        var stamped = @event with { QueryId = query.Id, Sequence = query.NextSequence++, SessionName = sessionName };
        if (toCaller)
        {
            query.Emit(stamped);
        }

        if (stream is null)
        {
            return;
        }

        _pending.Add(stamped);
        if (!send)
        {
            return;
        }

        if (IsUrgent(query, stamped))
        {
            _urgent = true;
            _hurry?.TrySetResult();
        }

        if (_sending.IsCompleted)
        {
            _sending = SendAsync(stream);
        }
    }

    private bool IsUrgent(PendingQuery query, ClaudeEvent @event)
    {
        if (@event is QueryCompletedEvent)
        {
            return true;
        }

        if (@event is TextDeltaEvent or ThinkingDeltaEvent && _deltaSeenFor != query.Id)
        {
            _deltaSeenFor = query.Id;
            return true;
        }

        return false;
    }

    // One writer at a time keeps the stream in order; whatever arrives while a batch is on its way, or while the
    // writer pauses, goes in the next.
    private async Task SendAsync(IAsyncStream<ClaudeEvent> target)
    {
        // Yield first, so that the lines the CLI has already written join this batch.
        await Task.Yield();
        while (_pending.Count > 0)
        {
            var pause = batchInterval - time.GetElapsedTime(_lastSentAt);
            if (!_urgent && pause > TimeSpan.Zero)
            {
                _hurry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await Task.WhenAny(_hurry.Task, Task.Delay(pause, time));
                _hurry = null;
            }

            _urgent = false;
            var batch = _pending;
            _pending = [];
            _lastSentAt = time.GetTimestamp();
            try
            {
                await target.OnNextBatchAsync(batch);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Session {SessionName}: could not publish {Count} event(s) on its stream", sessionName, batch.Count);
            }
        }
    }
}
