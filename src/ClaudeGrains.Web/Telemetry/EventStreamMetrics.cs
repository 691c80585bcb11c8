using System.Diagnostics.Metrics;
using ClaudeGrains.Grains.Telemetry;

namespace ClaudeGrains.Web.Telemetry;

/// <summary>
/// How many server-sent-event streams the web front holds open (queries streamed and session events relayed), on the
/// ClaudeGrains meter. A number that only grows means clients leave without their streams being released.
/// </summary>
internal sealed class EventStreamMetrics
{
    /// <summary>The instrument's name.</summary>
    public const string OpenStreams = "claudegrains.web.event_streams";

    private readonly UpDownCounter<long> _open;

    public EventStreamMetrics(IMeterFactory meterFactory) =>
        _open = meterFactory.Create(ClaudeGrainsMetrics.MeterName)
            .CreateUpDownCounter<long>(OpenStreams, "{stream}", "Server-sent-event streams open on the web front, by kind.");

    /// <summary>Counts a stream of <paramref name="kind"/> (<c>query</c> or <c>events</c>) until the result is disposed.</summary>
    public IDisposable Open(string kind)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        _open.Add(1, tag);
        return new Release(() => _open.Add(-1, tag));
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                release();
            }
        }
    }
}
