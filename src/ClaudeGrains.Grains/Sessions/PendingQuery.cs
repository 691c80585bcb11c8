using System.Threading.Channels;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// A query waiting in, or taken from, a session's queue. Completion and cancellation are thread-safe because the
/// caller's cancellation callback runs outside the grain's scheduler.
/// </summary>
internal sealed class PendingQuery : IDisposable
{
    private readonly TaskCompletionSource<ClaudeResult>? _result;
    private readonly Channel<ClaudeEvent>? _events;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly CancellationTokenRegistration _callerRegistration;
    private CancellationTokenRegistration _enumerationRegistration;
    private const int Queued = 0;
    private const int Running = 1;
    private const int CancelledInQueue = 2;
    private int _started;
    private int _callerCancelled;
    private int _interruptedBeforePrompt;

    public PendingQuery(string prompt, bool streaming, TimeSpan timeout, TimeSpan? inactivityTimeout, CancellationToken callerToken)
    {
        Prompt = prompt;
        Timeout = timeout;
        InactivityTimeout = inactivityTimeout;
        if (streaming)
        {
            _events = Channel.CreateUnbounded<ClaudeEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        }
        else
        {
            _result = new TaskCompletionSource<ClaudeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (callerToken.CanBeCanceled)
        {
            _callerRegistration = callerToken.Register(OnCallerCancelled);
        }
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>When the query arrived (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the duration metrics.</summary>
    public long ArrivedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Whether the query got a CLI process, so that a failure after it may be that process's.</summary>
    public bool HadProcess { get; set; }

    /// <summary>Whether the query's prompt is with its CLI, so that an interrupt is the CLI's to act on.</summary>
    public bool InTurn { get; set; }

    /// <summary>Whether an interrupt ended the query before its prompt reached a CLI.</summary>
    public bool InterruptedBeforePrompt => Volatile.Read(ref _interruptedBeforePrompt) == 1;

    /// <summary>Whether a text delta of this query was seen (the first one is measured).</summary>
    public bool SawTextDelta { get; set; }

    public string Prompt { get; }

    public TimeSpan Timeout { get; }

    public TimeSpan? InactivityTimeout { get; }

    public long NextSequence { get; set; }

    /// <summary>Cancelled by the caller or by the timeout once the query runs.</summary>
    public CancellationToken Token => _cancellation.Token;

    public bool CallerCancelled => Volatile.Read(ref _callerCancelled) == 1;

    public bool IsCompleted => _result?.Task.IsCompleted ?? _events!.Reader.Completion.IsCompleted;

    public Task<ClaudeResult> Result => _result?.Task ?? throw new InvalidOperationException("A streaming query has no result task.");

    public ChannelReader<ClaudeEvent> Events => _events?.Reader ?? throw new InvalidOperationException("A whole-answer query has no event stream.");

    /// <summary>Marks the query as taken from the queue; false if it was cancelled while waiting.</summary>
    public bool TryStart()
    {
        if (Interlocked.CompareExchange(ref _started, Running, Queued) != Queued)
        {
            return false;
        }

        _cancellation.CancelAfter(Timeout);
        return true;
    }

    /// <summary>
    /// Cancels the query, as its caller's token would, when <paramref name="token"/> fires: Orleans cancels a streaming
    /// caller's enumeration when the caller disposes of it early or goes away.
    /// </summary>
    public void CancelWhen(CancellationToken token)
    {
        if (token.CanBeCanceled)
        {
            _enumerationRegistration = token.Register(OnCallerCancelled);
        }
    }

    /// <summary>
    /// Interrupts a running query that is not <see cref="InTurn"/>: it stops waiting for its process, and its prompt
    /// is not sent.
    /// </summary>
    public void InterruptBeforePrompt()
    {
        Volatile.Write(ref _interruptedBeforePrompt, 1);
        Cancel();
    }

    public void Emit(ClaudeEvent @event) => _events?.Writer.TryWrite(@event);

    public void Complete(ClaudeResult result)
    {
        _result?.TrySetResult(result);
        _events?.Writer.TryComplete();
    }

    public void Fail(Exception error)
    {
        _result?.TrySetException(error);
        _events?.Writer.TryComplete(error);
    }

    public void Dispose()
    {
        _callerRegistration.Dispose();
        _enumerationRegistration.Dispose();
        _cancellation.Dispose();
    }

    private void OnCallerCancelled()
    {
        Volatile.Write(ref _callerCancelled, 1);
        if (Interlocked.CompareExchange(ref _started, CancelledInQueue, Queued) == Queued)
        {
            // Still queued: leave the queue at once; the running query is not touched.
            Fail(new OperationCanceledException("The query was cancelled before it started."));
            return;
        }

        Cancel();
    }

    private void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The query finished meanwhile.
        }
    }
}
