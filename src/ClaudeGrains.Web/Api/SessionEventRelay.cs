using System.Threading.Channels;
using Orleans.Streams;

namespace ClaudeGrains.Web.Api;

/// <summary>
/// An Orleans-stream observer that hands a session's events to one HTTP response. The stream delivers on Orleans'
/// threads while the response is written on the request's, so a channel sits between them. It holds at most
/// <paramref name="maxPendingEvents"/>: the stream does not wait for a slow client, so past that the relay ends with an
/// <see cref="EventStreamOverflowException"/> after the events it holds, and calls <paramref name="overflowed"/> at once
/// (the response may be stuck behind the slow client for a long while yet).
/// </summary>
internal sealed class SessionEventRelay(int maxPendingEvents, Action overflowed) : IAsyncObserver<ClaudeEvent>
{
    private readonly Channel<ClaudeEvent> _events = Channel.CreateBounded<ClaudeEvent>(
        new BoundedChannelOptions(maxPendingEvents) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    public Task OnNextAsync(ClaudeEvent item, StreamSequenceToken? token = null)
    {
        // Full: drop this and every later event rather than leave a gap the client could not see.
        if (!_events.Writer.TryWrite(item) && _events.Writer.TryComplete(new EventStreamOverflowException(maxPendingEvents)))
        {
            overflowed();
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync()
    {
        _events.Writer.TryComplete();
        return Task.CompletedTask;
    }

    public Task OnErrorAsync(Exception ex)
    {
        _events.Writer.TryComplete(ex);
        return Task.CompletedTask;
    }

    /// <summary>Writes every event as it arrives, and a keep-alive comment whenever none came for <paramref name="keepAlive"/>.</summary>
    /// <exception cref="EventStreamOverflowException">The client fell behind; every event before was written.</exception>
    public async Task PumpAsync(ServerSentEventWriter writer, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        var reader = _events.Reader;
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(keepAlive);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await writer.WriteCommentAsync("keep-alive", cancellationToken);
                continue;
            }

            if (!more)
            {
                return;
            }

            while (reader.TryRead(out var @event))
            {
                await writer.WriteAsync(@event, cancellationToken);
            }
        }
    }
}
