using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Grains.Processes;

// Filling the pool: starting processes in the background, booting and warming them up, and replacing the ones that
// die, with backoff.
public sealed partial class WarmProcessPool
{
    private async Task RefillAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                if (!NeedsMore() || !await TryStartOneAsync(stopping))
                {
                    await _refill.WaitAsync(stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Warm pool: stopped refilling after an unexpected error; new sessions start their own CLI processes");
        }
    }

    private bool NeedsMore()
    {
        lock (_lock)
        {
            return !_stopped && _pooled.Count < _options.Size;
        }
    }

    /// <summary>Starts one pooled process; false when no spare slot is free (a freed slot pulses the refill).</summary>
    private async Task<bool> TryStartOneAsync(CancellationToken stopping)
    {
        if (Backoff() is ({ } delay, var failures))
        {
            _logger.LogInformation("Warm pool: waiting {Delay} before starting another CLI process after {Failures} failure(s)", delay, failures);
            await Task.Delay(delay, _time, stopping);
        }

        // Checked again after each wait: another hand-over may have come meanwhile.
        while (RefillHoldOff() is { } holdOff)
        {
            await Task.Delay(holdOff, _time, stopping);
        }

        var holder = HolderPrefix + Interlocked.Increment(ref _nextHolder);
        if (!_budget.TryAcquireSpare(holder))
        {
            return false;
        }

        ClaudeCliProcess process;
        try
        {
            process = _factory.StartPooled(Profile.LaunchOptions);
        }
        catch (Exception ex)
        {
            _budget.Release(holder);
            RecordFailure();
            _logger.LogWarning(ex, "Warm pool: could not start a CLI process: {Error}", ex.Message);
            return true; // try again after the backoff
        }

        var pooled = new PooledProcess(process, holder, _time.GetUtcNow());
        lock (_lock)
        {
            _pooled.Add(pooled);
        }

        OnChanged();
        _ = WatchAsync(pooled, stopping);
        return true;
    }

    private async Task WatchAsync(PooledProcess pooled, CancellationToken stopping)
    {
        var process = pooled.Process;
        try
        {
            await process.SendControlRequestAsync(CliControlRequest.GetBinaryVersion, stopping);
            if (_options.WarmUp != WarmPoolWarmUp.None && !await TryWarmUpAsync(pooled, stopping))
            {
                return;
            }

            MarkReady(pooled);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // The silo is stopping, or the process died while booting: seen below.
        }

        var exit = await process.Exited;
        lock (_lock)
        {
            if (!_pooled.Remove(pooled))
            {
                return; // handed over, given up or stopped: not the pool's any more
            }
        }

        _logger.LogWarning("Warm pool: CLI process {ProcessId} died while waiting: {Exit}", process.ProcessId, exit.Describe());
        await process.DisposeAsync();
        _budget.Release(pooled.Holder);
        if (_time.GetUtcNow() - pooled.StartedAt < _options.MaxBackoff)
        {
            RecordFailure();
        }

        OnChanged();
        Pulse();
    }

    /// <summary>
    /// Runs the configured warm-up on a booted process that is still the pool's. False when the process did not
    /// finish it within <see cref="WarmPoolOptions.WarmUpTimeout"/> and was discarded.
    /// </summary>
    private async Task<bool> TryWarmUpAsync(PooledProcess pooled, CancellationToken stopping)
    {
        lock (_lock)
        {
            if (!_pooled.Contains(pooled))
            {
                return true; // taken while booting: the session's own requests come first
            }

            pooled.WarmingUp = true;
        }

        var process = pooled.Process;
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.WarmUpTimeout, _time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        try
        {
            var response = await process.SendControlRequestAsync(WarmUpRequest, cancel.Token);
            if (response.IsSuccess)
            {
                pooled.WarmedUpIn = _time.GetElapsedTime(started);
                Interlocked.Exchange(ref _warmUpRefusals, 0);
            }
            else if (Interlocked.Increment(ref _warmUpRefusals) == 1)
            {
                // A CLI that does not know the request refuses it for every process: one warning says so, not one per refill.
                _logger.LogWarning("Warm pool: CLI process {ProcessId} refused the warm-up ({Error}); it is ready without it. Further refusals are logged at Debug until a warm-up succeeds",
                    process.ProcessId, response.Error);
            }
            else
            {
                _logger.LogDebug("Warm pool: CLI process {ProcessId} refused the warm-up ({Error}); it is ready without it", process.ProcessId, response.Error);
            }

            return true;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (!_pooled.Remove(pooled))
                {
                    return false; // given up for a session meanwhile
                }
            }

            _logger.LogWarning("Warm pool: CLI process {ProcessId} did not finish its warm-up ({WarmUp}) within {Timeout}; discarding it.{Hint}",
                process.ProcessId, WarmUpRequest.Subtype, _options.WarmUpTimeout,
                _options.WarmUp == WarmPoolWarmUp.ContextUsage ? " It asks the API's count_tokens: is the API reachable?" : "");
            await DiscardAsync(process);
            _budget.Release(pooled.Holder);
            RecordFailure();
            OnChanged();
            Pulse();
            return false;
        }
    }

    private CliControlRequest WarmUpRequest =>
        _options.WarmUp == WarmPoolWarmUp.ContextUsage ? CliControlRequest.GetContextUsage : CliControlRequest.ReloadPlugins;

    private void MarkReady(PooledProcess pooled)
    {
        int ready;
        lock (_lock)
        {
            if (!_pooled.Contains(pooled))
            {
                return; // taken while booting
            }

            pooled.Ready = true;
            ready = _pooled.Count(p => p.Ready);
        }

        if (pooled.WarmedUpIn is { } warmUp)
        {
            _logger.LogInformation("Warm pool: CLI process {ProcessId} is ready, warmed up in {WarmUpMs} ms ({Ready} of {Size})",
                pooled.Process.ProcessId, (long)warmUp.TotalMilliseconds, ready, _options.Size);
        }
        else
        {
            _logger.LogInformation("Warm pool: CLI process {ProcessId} is ready ({Ready} of {Size})", pooled.Process.ProcessId, ready, _options.Size);
        }

        OnChanged();
    }

    private (TimeSpan? Delay, int Failures) Backoff()
    {
        lock (_lock)
        {
            // A streak ends once MaxBackoff passes without a failure: a CLI that was broken and has been fixed since
            // would otherwise keep every later refill (after a reclaimed slot or a process killed hours later) waiting
            // the backoff of its old failures until a hand-over happened to clear it.
            if (_failures > 0 && _time.GetUtcNow() - _lastFailure >= _options.MaxBackoff)
            {
                _failures = 0;
            }

            if (_failures == 0)
            {
                return (null, 0);
            }

            // Capped in ticks, before it becomes a TimeSpan: an InitialBackoff over ~14 min times 2^30 is more than a
            // TimeSpan holds, and the OverflowException would end the refill loop for good.
            var ticks = Math.Min(_options.InitialBackoff.Ticks * Math.Pow(2, Math.Min(_failures - 1, 30)), _options.MaxBackoff.Ticks);
            return (TimeSpan.FromTicks((long)ticks), _failures);
        }
    }

    /// <summary>How long a replacement must still wait so that it does not boot within <c>RefillDelay</c> of a hand-over.</summary>
    private TimeSpan? RefillHoldOff()
    {
        lock (_lock)
        {
            var left = _lastHandOver + _options.RefillDelay - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    private void RecordFailure()
    {
        lock (_lock)
        {
            _failures++;
            _lastFailure = _time.GetUtcNow();
        }
    }
}
