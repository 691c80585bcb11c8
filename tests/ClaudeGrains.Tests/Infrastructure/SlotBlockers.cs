namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// Streaming queries that hold process slots until a test ends them: each counts as started once its first event
/// has arrived (its CLI is running the turn), and ending them cancels them, which the session turns into an interrupt.
/// </summary>
public sealed class SlotBlockers : IAsyncDisposable
{
    // Seven words two seconds apart: far longer than any test waits with the slots held, and ended by cancelling.
    private const string HoldingPrompt = "hold the slot [slow:2000]";
    private readonly CancellationTokenSource _end = new();
    private readonly List<IAsyncEnumerator<ClaudeEvent>> _running = [];

    /// <summary>Starts a holding query on <paramref name="session"/> and returns once its first event has arrived.</summary>
    public async Task StartAsync(IClaudeSessionGrain session)
    {
        var events = session.QueryStreamAsync(HoldingPrompt, _end.Token).GetAsyncEnumerator(_end.Token);
        _running.Add(events);
        Assert.True(await events.MoveNextAsync(), "a blocking query ended before its first event");
    }

    /// <summary>Cancels every blocking query and waits until each has ended.</summary>
    public async Task EndAsync()
    {
        await _end.CancelAsync();
        foreach (var events in _running)
        {
            try
            {
                while (await events.MoveNextAsync())
                {
                }
            }
            catch (OperationCanceledException)
            {
                // How a cancelled query ends for its caller.
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

        _end.Dispose();
    }
}
