using System.Threading.Channels;
using Orleans.Streams;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Subscribes to a session's Orleans stream and lets a test await the events of one query.</summary>
public sealed class StreamRecorder : IAsyncDisposable
{
    private readonly Channel<ClaudeEvent> _events = Channel.CreateUnbounded<ClaudeEvent>();
    private StreamSubscriptionHandle<ClaudeEvent>? _handle;

    public static async Task<StreamRecorder> SubscribeAsync(IClusterClient client, string sessionName)
    {
        var recorder = new StreamRecorder();
        var stream = client.GetStreamProvider(ClaudeStreams.ProviderName)
            .GetStream<ClaudeEvent>(StreamId.Create(ClaudeStreams.SessionEventsNamespace, sessionName));
        recorder._handle = await stream.SubscribeAsync((e, _) => recorder._events.Writer.WriteAsync(e).AsTask());
        return recorder;
    }

    /// <summary>Reads on to the next event that matches <paramref name="match"/>, dropping the ones before it.</summary>
    public async Task<ClaudeEvent> NextAsync(Func<ClaudeEvent, bool> match, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await foreach (var @event in _events.Reader.ReadAllAsync(cancellation.Token))
        {
            if (match(@event))
            {
                return @event;
            }
        }

        throw new InvalidOperationException("The stream recorder was completed.");
    }

    /// <summary>Collects events up to and including the end marker of the next query seen.</summary>
    public async Task<IReadOnlyList<ClaudeEvent>> NextQueryAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var events = new List<ClaudeEvent>();
        await foreach (var @event in _events.Reader.ReadAllAsync(cancellation.Token))
        {
            events.Add(@event);
            if (@event is QueryCompletedEvent)
            {
                return events;
            }
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.UnsubscribeAsync();
        }
    }
}
