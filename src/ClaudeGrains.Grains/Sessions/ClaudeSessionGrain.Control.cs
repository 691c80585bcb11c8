using ClaudeGrains.Grains.Management;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Grains.Sessions;

// Silo-internal control (process budget, session manager), registration, the silo directory and idle hibernation.
public sealed partial class ClaudeSessionGrain
{
    private async Task RegisterAsync()
    {
        var registry = GrainFactory.GetGrain<ISessionRegistry>(ClaudeSessionManager.Key);
        if (_options.RequireRegistration)
        {
            // Once per activation, never per query.
            _registered = _options.Sessions.ContainsKey(Name) || await registry.IsRegisteredAsync(Name);
        }
        else if (!_state.RecordExists)
        {
            _ = registry.RegisterImplicitlyAsync(Name, _state.State.CreatedAt); // one-way: the first query does not wait for it
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryHibernateAsync()
    {
        // A dead process still holds its slot until stopped, so it counts as something to hibernate.
        if (!_queue.IsIdle || !_process.HasProcess)
        {
            return false;
        }

        await _process.StopAsync("the silo's process budget needs the slot; hibernating");
        UpdateDirectory();
        return true;
    }

    /// <inheritdoc />
    public async Task WarmUpAsync()
    {
        EnsureValidName();
        ThrowIfFaulted();
        await EnsureProcessAsync();
        UpdateDirectory();
        ArmIdleTimer();
    }

    /// <inheritdoc />
    public async Task TerminateAsync()
    {
        EnsureValidName();
        _logger.LogInformation("Session {SessionName} terminated", Name);
        _registered = !_options.RequireRegistration;
        _terminating = true;
        try
        {
            _queue.FailWaiting(new ClaudeSessionException(ClaudeErrorCode.Terminated, $"Session '{Name}' was terminated before the query ran.") { SessionName = Name });
            await _process.StopAsync("terminated");

            // The running query ends with its process; its state write must land before the state is cleared, or
            // it would bring the session's record back (or make the clear fail on a stale ETag).
            await _queue.Drained;
            _stopWhenIdle = null;
            _freshConversationWhenIdle = false;
            await _state.ClearStateAsync();
            _restarts.Reset();
            _effectiveOptions = null;
            _directory.Remove(Name);
            _ = DeactivateWhenCallersReleasedAsync();
        }
        finally
        {
            _terminating = false;
        }
    }

    /// <inheritdoc />
    public Task SetRegisteredAsync(bool registered)
    {
        _registered = registered || !_options.RequireRegistration;
        UpdateDirectory();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Publishes this session's snapshot to the silo's in-memory directory (no grain call). A name that is not
    /// registered (with RequireRegistration) is left out: it refuses every query, so it is no session to list.
    /// </summary>
    private void UpdateDirectory()
    {
        if (_registered)
        {
            _directory.Update(SessionInfoMapper.From(BuildStatus(), EffectiveOptions));
        }
        else
        {
            _directory.Remove(Name);
        }
    }

    /// <summary>(Re)starts the countdown to hibernation: IdleTimeout from now, or from the end of the last query.</summary>
    private void ArmIdleTimer()
    {
        var idle = EffectiveOptions.IdleTimeout ?? _options.Supervision.IdleTimeout;
        if (_idleTimer is null)
        {
            _idleTimer = this.RegisterGrainTimer(HibernateIfIdleAsync, new GrainTimerCreationOptions(idle, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = false });
        }
        else
        {
            _idleTimer.Change(idle, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task HibernateIfIdleAsync(CancellationToken cancellationToken)
    {
        if (!_queue.IsIdle)
        {
            return;
        }

        await _process.StopAsync("idle; hibernating (the next query resumes the conversation)");
        UpdateDirectory();

        // Listings and counts know the states of active sessions only, so a faulted session that gave back its
        // activation would show as hibernated: it stays active until its fault ends, and hibernates then.
        if (_restarts.IsFaulted && _restarts.FaultedUntil is { } faultedUntil)
        {
            var left = faultedUntil - _time.GetUtcNow();
            _logger.LogInformation("Session {SessionName} is idle but faulted until {FaultedUntil}; it stays active until then", Name, faultedUntil);
            DelayDeactivation(left);
            _idleTimer?.Change(left, Timeout.InfiniteTimeSpan);
            return;
        }

        // Without a process a session is nothing but its persisted state and its registry entry, so it gives back its
        // activation too: an idle silo then holds 100,000s of sessions. The next call activates it from storage.
        if (_queue.IsIdle && !_process.HasProcess)
        {
            await DeactivateWhenCallersReleasedAsync();
        }
    }

    /// <summary>
    /// Deactivates once every streaming caller has heard how its query ended (see <see cref="StreamingCallers"/>), if
    /// the session is still idle and without a process by then.
    /// </summary>
    private async Task DeactivateWhenCallersReleasedAsync()
    {
        await _callers.Released;
        if (_queue.IsIdle && !_process.HasProcess)
        {
            DeactivateOnIdle();
        }
    }
}
