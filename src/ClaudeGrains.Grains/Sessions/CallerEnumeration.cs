using System.Threading.Channels;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// A streaming query's events as its caller enumerates them, ending with the error the query failed with, if any;
/// <paramref name="released"/> runs once Orleans lets go of the enumeration. One enumeration only.
/// </summary>
internal sealed class CallerEnumeration(PendingQuery query, Action released) : IAsyncEnumerable<ClaudeEvent>, IAsyncEnumerator<ClaudeEvent>
{
    private readonly ChannelReader<ClaudeEvent> _events = query.Events;
    private const int Created = 0;
    private const int Enumerating = 1;
    private const int Released = 2;
    private int _state;

    /// <inheritdoc />
    public ClaudeEvent Current { get; private set; } = null!;

    /// <inheritdoc />
    public IAsyncEnumerator<ClaudeEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, Enumerating, Created) != Created)
        {
            throw new InvalidOperationException("A query's events can be enumerated once.");
        }

        query.CancelWhen(cancellationToken);
        return this;
    }

    /// <inheritdoc />
    public async ValueTask<bool> MoveNextAsync()
    {
        ClaudeEvent? next;
        while (!_events.TryRead(out next))
        {
            // Throws the error the query failed with once its events are read.
            if (!await _events.WaitToReadAsync())
            {
                return false;
            }
        }

        Current = next;
        return true;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, Released) != Released)
        {
            released();
        }

        return ValueTask.CompletedTask;
    }
}
