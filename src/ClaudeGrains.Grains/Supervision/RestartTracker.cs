namespace ClaudeGrains.Grains.Supervision;

/// <summary>
/// OTP-style restart intensity for one session: exponential backoff between restarts, and a fault once failures
/// within the window exceed the limit, so a broken CLI never thrashes the machine.
/// </summary>
public sealed class RestartTracker(SupervisionOptions options, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _failures = new();
    private int _consecutiveFailures;
    private DateTimeOffset? _lastFailureAt;
    private bool _restartOwed;

    /// <summary>Until when the session is faulted, if it is.</summary>
    public DateTimeOffset? FaultedUntil { get; private set; }

    /// <summary>Whether the session is faulted now (a fault ends by itself after the cool-down).</summary>
    public bool IsFaulted
    {
        get
        {
            if (FaultedUntil is { } until && time.GetUtcNow() >= until)
            {
                Reset();
            }

            return FaultedUntil is not null;
        }
    }

    /// <summary>Restores a fault persisted by an earlier activation; an expired one is ignored.</summary>
    public void RestoreFault(DateTimeOffset? until)
    {
        if (until is { } value && value > time.GetUtcNow())
        {
            FaultedUntil = value;
        }
    }

    /// <summary>Records a failure of the CLI process; returns true when it faults the session.</summary>
    public bool RecordFailure()
    {
        var now = time.GetUtcNow();
        _lastFailureAt = now;
        _consecutiveFailures++;
        _restartOwed = true;
        _failures.Enqueue(now);
        while (_failures.Count > 0 && now - _failures.Peek() > options.RestartWindow)
        {
            _failures.Dequeue();
        }

        if (_failures.Count > options.MaxRestarts)
        {
            FaultedUntil = now + options.FaultedCooldown;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Whether a process that has just started is a restart: the first start after a failure is, whenever it comes
    /// (at once, after the backoff, or on a query long after it); later starts, until the next failure, are not.
    /// </summary>
    public bool TakeRestart()
    {
        var owed = _restartOwed;
        _restartOwed = false;
        return owed;
    }

    /// <summary>A query succeeded: the next failure starts the backoff from the beginning.</summary>
    public void RecordSuccess() => _consecutiveFailures = 0;

    /// <summary>How long to wait before starting the CLI again (zero when the last start did not fail).</summary>
    public TimeSpan DelayBeforeStart()
    {
        if (_consecutiveFailures == 0 || _lastFailureAt is not { } last)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(_consecutiveFailures - 1, 30);
        var backoff = TimeSpan.FromTicks(Math.Min(options.InitialBackoff.Ticks * (1L << exponent), options.MaxBackoff.Ticks));
        var remaining = last + backoff - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>The error a faulted session answers with.</summary>
    public ClaudeSessionException FaultedError(string sessionName, string? lastFailure) =>
        new(ClaudeErrorCode.Faulted,
            $"Session '{sessionName}' is faulted after more than {options.MaxRestarts} CLI failures within {options.RestartWindow}; " +
            $"it refuses queries until {FaultedUntil:u}, a RestartAsync or a reconfiguration. Last failure: {lastFailure}")
        {
            SessionName = sessionName,
        };

    /// <summary>Forgets every failure (explicit restart, reconfiguration, end of cool-down).</summary>
    public void Reset()
    {
        _failures.Clear();
        _consecutiveFailures = 0;
        _lastFailureAt = null;
        _restartOwed = false;
        FaultedUntil = null;
    }
}
