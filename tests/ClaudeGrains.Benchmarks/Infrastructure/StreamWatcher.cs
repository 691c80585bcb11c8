using System.Diagnostics;
using ClaudeGrains.Benchmarks.Raw;
using Orleans.Streams;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// A subscriber to a session's Orleans stream that times the next query it sees: when its first text delta and its
/// result arrived here, from a start timestamp the caller gives.
/// </summary>
internal sealed class StreamWatcher : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private StreamSubscriptionHandle<ClaudeEvent>? _handle;
    private TaskCompletionSource<TurnTiming>? _next;
    private long _start;
    private Guid? _query;
    private double _firstDelta;
    private double _result;

    public static async Task<StreamWatcher> SubscribeAsync(IClusterClient client, string sessionName)
    {
        var watcher = new StreamWatcher();
        var stream = client.GetStreamProvider(ClaudeStreams.ProviderName)
            .GetStream<ClaudeEvent>(StreamId.Create(ClaudeStreams.SessionEventsNamespace, sessionName));
        watcher._handle = await stream.SubscribeAsync((e, _) =>
        {
            watcher.OnEvent(e);
            return Task.CompletedTask;
        });
        return watcher;
    }

    /// <summary>Times the next query that starts on the stream, from <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public Task<TurnTiming> TimeNextQueryAsync(long start)
    {
        lock (_lock)
        {
            _next = new TaskCompletionSource<TurnTiming>(TaskCreationOptions.RunContinuationsAsynchronously);
            _start = start;
            _query = null;
            _firstDelta = double.NaN;
            _result = double.NaN;
            return _next.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.UnsubscribeAsync();
        }
    }

    private void OnEvent(ClaudeEvent e)
    {
        var now = Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
        lock (_lock)
        {
            if (_next is null)
            {
                return;
            }

            switch (e)
            {
                case QueryStartedEvent when _query is null:
                    _query = e.QueryId;
                    break;
                case TextDeltaEvent when e.QueryId == _query && double.IsNaN(_firstDelta):
                    _firstDelta = now;
                    break;
                case ResultEvent when e.QueryId == _query:
                    _result = now;
                    break;
                case QueryCompletedEvent when e.QueryId == _query:
                    _next.TrySetResult(new TurnTiming(_firstDelta, _result));
                    _next = null;
                    break;
            }
        }
    }
}
