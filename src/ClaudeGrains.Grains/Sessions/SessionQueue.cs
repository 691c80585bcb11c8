namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// A session's FIFO of queries and the pump that runs them one at a time. Used only from its grain's scheduler.
/// </summary>
/// <param name="run">Runs one query to its answer.</param>
/// <param name="fail">Reports a query that threw.</param>
/// <param name="onQueryStarted">Called as a query leaves the queue.</param>
/// <param name="onQueryEnded">Called after each query, answered or failed.</param>
/// <param name="onDrained">Called when the queue runs empty.</param>
internal sealed class SessionQueue(
    Func<PendingQuery, Task> run,
    Func<PendingQuery, Exception, Task> fail,
    Action onQueryStarted,
    Func<Task> onQueryEnded,
    Action onDrained)
{
    private readonly Queue<PendingQuery> _waiting = new();
    private Task? _pump;

    /// <summary>The query running now, if any.</summary>
    public PendingQuery? Running { get; private set; }

    /// <summary>Queries waiting behind the running one (cancelled ones excluded).</summary>
    public int Waiting => _waiting.Count(q => !q.IsCompleted);

    /// <summary>Completes when the queue has run empty (at once if it is); never faults.</summary>
    public Task Drained => _pump ?? Task.CompletedTask;

    /// <summary>Whether nothing runs and nothing waits.</summary>
    public bool IsIdle => Running is null && _waiting.Count == 0;

    /// <summary>Queues <paramref name="query"/>, starting the pump if it is not running.</summary>
    public void Enqueue(PendingQuery query)
    {
        _waiting.Enqueue(query);
        _pump ??= PumpAsync();
    }

    /// <summary>Fails every waiting query with <paramref name="error"/>; the running one is not touched.</summary>
    public void FailWaiting(Exception error)
    {
        while (_waiting.TryDequeue(out var queued))
        {
            queued.Fail(error);
        }
    }

    private async Task PumpAsync()
    {
        // Let the caller that created the pump get its query back before the first one runs.
        await Task.Yield();
        try
        {
            while (_waiting.TryDequeue(out var query))
            {
                if (!query.TryStart())
                {
                    query.Dispose();
                    continue;
                }

                Running = query;
                onQueryStarted();
                try
                {
                    await run(query);
                }
                catch (Exception ex)
                {
                    await fail(query, ex);
                }
                finally
                {
                    Running = null;
                    query.Dispose();
                }

                await onQueryEnded();
            }
        }
        finally
        {
            _pump = null;
            onDrained();
        }
    }
}
