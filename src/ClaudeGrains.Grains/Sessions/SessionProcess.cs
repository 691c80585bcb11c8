using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Grains.Supervision;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// The CLI process of one session and its supervision: lazy start (from the warm pool when it can), restart with
/// backoff, interrupt, graceful stop. Used only from its grain's scheduler, so it needs no locking.
/// </summary>
internal sealed class SessionProcess(string sessionName, ClaudeCliProcessFactory factory, CliProcessBudget budget, WarmProcessPool pool, ClaudeGrainsOptions options, RestartTracker restarts, ILogger logger)
{
    private ClaudeCliProcess? _process;
    private string? _resumedFrom;
    private Task<ClaudeCliProcess>? _starting;
    private CancellationTokenSource? _abandonStart;
    private string? _abandonedBecause;
    private Task _stopping = Task.CompletedTask;

    /// <summary>The process if it is alive.</summary>
    public ClaudeCliProcess? Live => _process is { HasExited: false } live ? live : null;

    /// <summary>Whether a process (alive, or dead but not yet reaped) holds a slot.</summary>
    public bool HasProcess => _process is not null;

    /// <summary>Whether the session is waiting for a slot in the silo's process budget.</summary>
    public bool IsStarting { get; private set; }

    /// <summary>Whether the session is waiting out a restart backoff.</summary>
    public bool IsRestarting { get; private set; }

    /// <summary>The conversation the current process was started to resume, if any.</summary>
    public string? ResumedFrom => _resumedFrom;

    /// <summary>
    /// Returns the live process, or starts one (resuming <paramref name="cliSessionId"/>) after waiting out the
    /// backoff of earlier failures. <paramref name="onRestart"/> runs when the start follows a failure. Callers that
    /// find no process while a start is under way share that start.
    /// </summary>
    /// <exception cref="ClaudeSessionException">The process had died and that failure faulted the session, or the
    /// start was abandoned by <see cref="StopAsync"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first; the start goes
    /// on for the session.</exception>
    public Task<ClaudeCliProcess> EnsureAsync(SessionOptions sessionOptions, string? cliSessionId, Action onRestart, Action<string> onDied, CancellationToken cancellationToken = default)
    {
        if (Live is { } live)
        {
            return Task.FromResult(live);
        }

        // A query and a warm-up may both find no process. Two starts would both count under the session's one slot,
        // and the first process would run on with nobody to stop it.
        if (_starting is not { IsCompleted: false })
        {
            _starting = StartAsync(sessionOptions, cliSessionId, onRestart, onDied);
        }

        return _starting.WaitAsync(cancellationToken);
    }

    private async Task<ClaudeCliProcess> StartAsync(SessionOptions sessionOptions, string? cliSessionId, Action onRestart, Action<string> onDied)
    {
        using var abandon = new CancellationTokenSource();
        _abandonStart = abandon;
        try
        {
            if (_process is { } dead && await dead.Exited is { StoppedByHost: false } exit)
            {
                // It died on its own while idle (crash, kill -9, OOM): a failure like any other.
                logger.LogWarning("Session {SessionName}: its idle CLI process {ProcessId} died: {Exit}", sessionName, dead.ProcessId, exit.Describe());
                onDied(exit.Describe());
                if (restarts.RecordFailure())
                {
                    await StopProcessAsync("it died");
                    throw restarts.FaultedError(sessionName, exit.Describe());
                }
            }

            // The slot is held under the session's name until the old process is gone: taking it before would count
            // the new process under the old one's slot, which the old one's stop then gives away.
            await StopProcessAsync("it exited");
            var delay = restarts.DelayBeforeStart();
            if (delay > TimeSpan.Zero)
            {
                logger.LogInformation("Session {SessionName}: restarting the CLI in {Delay}", sessionName, delay);
                IsRestarting = true;
                try
                {
                    await Task.Delay(delay, abandon.Token);
                }
                finally
                {
                    IsRestarting = false;
                }
            }

            IsStarting = true;
            try
            {
                // Only a new conversation can use a pooled process: --resume exists only on the command line.
                if (cliSessionId is null && await pool.TryHandOverAsync(sessionName, sessionOptions) is { } warm)
                {
                    _process = warm;
                    _resumedFrom = null;
                    CountRestart(onRestart);
                    return warm;
                }

                // Returns at once when a failed hand-over left this session the pooled process's slot.
                await budget.AcquireAsync(sessionName, abandon.Token);
            }
            finally
            {
                IsStarting = false;
            }

            try
            {
                _process = factory.Start(sessionName, sessionOptions, cliSessionId);
            }
            catch
            {
                budget.Release(sessionName);
                throw;
            }

            _resumedFrom = cliSessionId;
            CountRestart(onRestart);
            return _process;
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            throw new ClaudeSessionException(ClaudeErrorCode.Cancelled, $"Session '{sessionName}': its CLI process was not started, as the session was stopped ({_abandonedBecause}).") { SessionName = sessionName };
        }
        finally
        {
            _abandonStart = null;
        }
    }

    // Counted once the process is there: a start abandoned while it waited restarted nothing.
    private void CountRestart(Action onRestart)
    {
        if (restarts.TakeRestart())
        {
            onRestart();
        }
    }

    /// <summary>
    /// Whether a process started with <c>--resume</c> failed to load the transcript: it ended its first turn without
    /// starting it (an error result with no turns, or an exit with the CLI's "No conversation found").
    /// </summary>
    public bool IsFailedResume(ClaudeCliProcess process, bool turnStarted, ResultMessage? result) =>
        _resumedFrom is not null && !turnStarted && (result is null
            ? process.StderrTail.Contains("No conversation found", StringComparison.OrdinalIgnoreCase)
            : result.IsError && result.NumTurns == 0);

    /// <summary>Sends the control-protocol interrupt and waits for the CLI to acknowledge it.</summary>
    public async Task InterruptAsync()
    {
        if (Live is not { } process)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(options.Cli.InterruptGracePeriod);
        try
        {
            var response = await process.SendControlRequestAsync("interrupt", null, timeout.Token);
            if (!response.IsSuccess)
            {
                logger.LogWarning("Session {SessionName}: the CLI refused the interrupt: {Error}", sessionName, response.Error);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            logger.LogWarning("Session {SessionName}: interrupt not acknowledged: {Error}", sessionName, ex.Message);
        }
    }

    /// <summary>
    /// Ends a turn nobody waits for: interrupt it and read up to its result so the next query starts in step; a CLI
    /// that does not answer within the grace is stopped (the next query resumes the conversation).
    /// </summary>
    public async Task AbandonTurnAsync(ClaudeCliProcess process)
    {
        await InterruptAsync();
        if (!await TurnReader.DrainAsync(process, options.Cli.InterruptGracePeriod))
        {
            logger.LogWarning("Session {SessionName}: the interrupted query did not end within {Grace}; stopping the CLI", sessionName, options.Cli.InterruptGracePeriod);
            await StopAsync("interrupted query did not end");
        }
    }

    /// <summary>
    /// Stops the process gracefully (stdin closed, grace, SIGTERM, tree kill), after abandoning a start under way;
    /// returns once the process is gone and its slot given back, also when another stop got there first.
    /// </summary>
    public async Task StopAsync(string why)
    {
        if (_starting is { IsCompleted: false } starting)
        {
            // Its waits (backoff, a process slot) could outlast the stop's caller, and a process it started after the
            // stop would run on unowned; its callers hear why it was abandoned.
            _abandonedBecause = why;
            _abandonStart?.Cancel();
            await WaitQuietlyAsync(starting);
        }

        await StopProcessAsync(why);
    }

    private Task StopProcessAsync(string why)
    {
        if (_process is not { } process)
        {
            // Another caller's stop may still be under way: wait for it, but its error is that caller's to hear.
            return _stopping.IsCompleted ? Task.CompletedTask : WaitQuietlyAsync(_stopping);
        }

        _process = null;
        _stopping = StopAndReleaseAsync(process, why);
        return _stopping;
    }

    private async Task StopAndReleaseAsync(ClaudeCliProcess process, string why)
    {
        logger.LogInformation("Stopping CLI process {ProcessId} of session {SessionName}: {Why}", process.ProcessId, sessionName, why);
        try
        {
            await process.StopAsync(options.Cli.ShutdownGracePeriod);
            await process.DisposeAsync();
        }
        finally
        {
            budget.Release(sessionName);
        }
    }

    // Resumes on the grain's scheduler (the captured context), which ConfigureAwait(false) would leave.
    private static async Task WaitQuietlyAsync(Task task) =>
        await task.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
}
