using System.Threading.Channels;
using Orleans.Streams;

namespace ClaudeGrains.Web.Api;

/// <summary>
/// An Orleans-stream observer that hands a session's events to one HTTP response. The stream delivers on Orleans'
/// threads while the response is written on the request's, so a channel sits between them.
/// </summary>
internal sealed class SessionEventRelay : IAsyncObserver<ClaudeEvent>
{
    private readonly Channel<ClaudeEvent> _events = Channel.CreateUnbounded<ClaudeEvent>(new UnboundedChannelOptions { SingleReader = true });

    public Task OnNextAsync(ClaudeEvent item, StreamSequenceToken? token = null)
    {
        _events.Writer.TryWrite(item);
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
