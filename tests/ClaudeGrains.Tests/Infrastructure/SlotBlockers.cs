namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// Streaming queries that hold process slots while a test runs: each counts as started once its first event has
/// arrived (its CLI is running the turn), and ending them reads every answer to its end.
/// </summary>
public sealed class SlotBlockers : IAsyncDisposable
{
    private readonly List<IAsyncEnumerator<ClaudeEvent>> _running = [];

    /// <summary>Starts reading <paramref name="query"/> and returns once its first event has arrived.</summary>
    public async Task StartAsync(IAsyncEnumerable<ClaudeEvent> query)
    {
        var events = query.GetAsyncEnumerator();
        _running.Add(events);
        Assert.True(await events.MoveNextAsync(), "a blocking query ended before its first event");
    }

    /// <summary>Reads every blocking query to its end.</summary>
    public async Task EndAsync()
    {
        foreach (var events in _running)
        {
            while (await events.MoveNextAsync())
            {
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var events in _running)
        {
            await events.DisposeAsync();
        }
    }
}
