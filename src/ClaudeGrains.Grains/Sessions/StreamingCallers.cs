namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// The streaming callers whose enumeration of a session's events Orleans still holds. A caller learns how its query
/// ended (a termination, say) from the activation's enumerator when it next asks, so the session must not deactivate
/// before then: the caller would get an <c>EnumerationAbortedException</c> in place of that error. Orleans lets go of
/// an enumerator once its caller has the end, or after its expiry when the caller went away. Used only from its
/// grain's scheduler.
/// </summary>
internal sealed class StreamingCallers
{
    private int _held;
    private TaskCompletionSource? _released;

    /// <summary>Completes once Orleans holds no caller's enumeration.</summary>
    public Task Released => _held == 0
        ? Task.CompletedTask
        : (_released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The events of <paramref name="query"/> for its caller, counted until Orleans lets go of them.</summary>
    public IAsyncEnumerable<ClaudeEvent> Enumerate(PendingQuery query)
    {
        _held++;
        return new CallerEnumeration(query, Release);
    }

    private void Release()
    {
        if (--_held == 0 && _released is { } released)
        {
            _released = null;
            released.SetResult();
        }
    }
}
