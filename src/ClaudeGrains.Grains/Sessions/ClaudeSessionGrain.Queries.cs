using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Grains.Sessions;

// Running queries: the queue's entry, one turn against the CLI, and how failures are recorded.
public sealed partial class ClaudeSessionGrain
{
    private PendingQuery Enqueue(string prompt, QueryOptions options, bool streaming, CancellationToken cancellationToken)
    {
        EnsureValidName();
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException("Prompt must not be empty.", nameof(prompt));
        }

        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (_terminating)
        {
            throw new ClaudeSessionException(ClaudeErrorCode.Terminated, $"Session '{Name}' is being terminated.") { SessionName = Name };
        }

        if (!_registered)
        {
            throw new ClaudeSessionException(ClaudeErrorCode.SessionNotFound,
                $"No session '{Name}' is registered. Start it with the session manager first (ClaudeGrains:RequireRegistration is on).") { SessionName = Name };
        }

        ThrowIfFaulted();
        var session = EffectiveOptions;
        var query = new PendingQuery(
            prompt,
            streaming,
            options.Timeout ?? session.QueryTimeout ?? _options.DefaultQueryTimeout,
            options.InactivityTimeout ?? session.InactivityTimeout ?? _options.Supervision.InactivityTimeout,
            cancellationToken);
        _queue.Enqueue(query);
        return query;
    }

    private void ThrowIfFaulted()
    {
        if (_restarts.IsFaulted)
        {
            throw _restarts.FaultedError(Name, _state.State.LastFailure);
        }
    }

    private async Task RunAsync(PendingQuery query)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["SessionName"] = Name, ["QueryId"] = query.Id });
        ThrowIfFaulted();
        ResultMessage result;
        var conversationReset = false;
        var announced = false;
        try
        {
            var reused = _process.Live is not null;
            var process = await ProcessForAsync(query);
            _events.Publish(query, new QueryStartedEvent { Prompt = query.Prompt }, toCaller: false);
            announced = true;
            try
            {
                result = await AskAsync(process, query);
            }
            catch (ClaudeSessionException ex) when (ex.Code == ClaudeErrorCode.CliExited && reused && !_turnSawInit && !_terminating)
            {
                // The idle process had died (crash, kill -9, OOM) before this turn began; the CLI writes init before it
                // calls the API, so the prompt was never acted on and is safe to send to a new process. Not when the
                // silo stopped it (terminate, deactivation): that stop was meant for this query too.
                if ((await process.Exited).StoppedByHost)
                {
                    throw;
                }

                _logger.LogWarning("Session {SessionName}: its idle CLI process had died ({Error}); restarting it", Name, ex.Message);
                process = await ProcessForAsync(query);
                result = await AskAsync(process, query);
            }

            if (_process.IsFailedResume(process, _turnSawInit, result))
            {
                conversationReset = true;
                process = await StartFreshConversationAsync(process, query);
                result = await AskAsync(process, query);
            }
        }
        catch (InterruptedBeforePromptException)
        {
            // Interrupted while it waited for its process (a slot, a backoff, a cold start): it ends as an interrupted
            // turn would, and the CLI never sees its prompt.
            _logger.LogInformation("Session {SessionName}: the query was interrupted before its prompt reached the CLI; it was not sent", Name);
            if (_process.Live is null)
            {
                await _process.StopAsync("its query was interrupted before the process had started"); // as for a timeout
            }

            if (!announced)
            {
                _events.Publish(query, new QueryStartedEvent { Prompt = query.Prompt }, toCaller: false);
            }

            result = UnfinishedTurn();
        }

        var answer = CliEventMapper.ToResult(result, query.Id) with { ConversationReset = conversationReset };
        if (announced)
        {
            _restarts.RecordSuccess(); // not for a query that never reached a process: one may still be failing
        }

        _state.State.RecordAnswer(answer, DateTimeOffset.UtcNow);

        // The grain's turns run one at a time, so whatever is queued before the reply's own continuation delays the
        // answer: the stream write of these events and the state write are queued after it. The caller does not wait
        // for the storage round trip; the next query (and deactivation) does.
        _events.Publish(query, new ResultEvent { Result = answer }, send: false);
        query.Complete(answer);
        _events.Publish(query, new QueryCompletedEvent { IsError = answer.IsError }, toCaller: false);
        UpdateDirectory(); // answered: the listing and the busy gauge agree with the status before the caller hears back
        _persisting = WriteStateAfterReplyAsync();
        await _persisting;
        _metrics.QueryAnswered(answer, query.ArrivedAt);
        _logger.LogInformation("Query answered: {Subtype}, {Turns} turn(s), {Cost} USD, {Duration} ms", answer.Subtype, answer.NumTurns, answer.TotalCostUsd, (long)answer.Duration.TotalMilliseconds);
        _logger.LogDebug("Answer: {Answer}", answer.Text);
    }

    private async Task<ResultMessage> AskAsync(ClaudeCliProcess process, PendingQuery query)
    {
        _logger.LogDebug("Sending prompt: {Prompt}", query.Prompt);
        _turnSawInit = false;
        if (query.Token.IsCancellationRequested)
        {
            throw CancelledError(query, "before its prompt was sent");
        }

        // From here an interrupt goes to the CLI, which ends the turn; before, it ends the query (InterruptAsync).
        query.InTurn = true;
        try
        {
            return await TurnAsync(process, query);
        }
        finally
        {
            query.InTurn = false;
        }
    }

    private async Task<ResultMessage> TurnAsync(ClaudeCliProcess process, PendingQuery query)
    {
        if (!process.TrySendUserMessage(query.Prompt))
        {
            var exit = await process.Exited;
            throw new ClaudeSessionException(ClaudeErrorCode.CliExited, $"Session '{Name}': {exit.Describe()}") { SessionName = Name };
        }

        try
        {
            return await TurnReader.ReadAsync(process, Name, message => OnMessage(query, message), query.InactivityTimeout, query.Token);
        }
        catch (OperationCanceledException) when (query.Token.IsCancellationRequested)
        {
            await _process.AbandonTurnAsync(process);
            throw CancelledError(query, "it was interrupted");
        }
        catch (CliInactivityException ex)
        {
            await _process.AbandonTurnAsync(process);
            throw new ClaudeSessionException(ClaudeErrorCode.Timeout, $"Session '{Name}': the CLI wrote nothing for {ex.Limit} (inactivity timeout); the query was interrupted.") { SessionName = Name };
        }
        catch (ClaudeSessionException ex) when (ex.Code == ClaudeErrorCode.CliExited && _process.IsFailedResume(process, _turnSawInit, null))
        {
            // The CLI gave up on the transcript and exited without a result line.
            return UnfinishedTurn();
        }
    }

    private void OnMessage(PendingQuery query, CliMessage message)
    {
        if (message is ResultMessage { IsSelfStarted: true } selfStarted)
        {
            _logger.LogInformation("Session {SessionName}: the CLI ran a turn of its own when a background task ended ({Subtype}, {Turns} turn(s), {Cost} USD); no query asked for it",
                Name, selfStarted.Subtype, selfStarted.NumTurns, selfStarted.TurnCostUsd);
            return;
        }

        if (message is SystemMessage { IsInit: true } init)
        {
            _turnSawInit = true;
            _state.State.CliSessionId = init.SessionId ?? _state.State.CliSessionId;
            _cliVersion = init.Version ?? _cliVersion;
        }

        foreach (var @event in CliEventMapper.Map(message))
        {
            if (@event is TextDeltaEvent && !query.SawTextDelta)
            {
                query.SawTextDelta = true;
                _metrics.FirstDelta(query.ArrivedAt);
            }

            _events.Publish(query, @event);
        }
    }

    /// <summary>The session's process for <paramref name="query"/>, started if need be within the query's time.</summary>
    private async Task<ClaudeCliProcess> ProcessForAsync(PendingQuery query)
    {
        try
        {
            var process = await EnsureProcessAsync(query.Token);
            query.HadProcess = true;
            return process;
        }
        catch (OperationCanceledException) when (query.Token.IsCancellationRequested)
        {
            throw CancelledError(query, "before its CLI process had started");
        }
    }

    /// <summary>The result of a turn that ended without one of its own, as the CLI reports an interrupted turn.</summary>
    private static ResultMessage UnfinishedTurn() => new() { Type = "result", Subtype = "error_during_execution", IsError = true };

    private Exception CancelledError(PendingQuery query, string when) =>
        query.InterruptedBeforePrompt ? new InterruptedBeforePromptException()
        : query.CallerCancelled ? new OperationCanceledException($"The query to session '{Name}' was cancelled by its caller ({when}).")
        : new ClaudeSessionException(ClaudeErrorCode.Timeout, $"The query to session '{Name}' did not finish within {query.Timeout} ({when}).") { SessionName = Name };

    private async Task<ClaudeCliProcess> StartFreshConversationAsync(ClaudeCliProcess failed, PendingQuery query)
    {
        var lost = _process.ResumedFrom;
        _logger.LogWarning("Session {SessionName} could not resume conversation {CliSessionId}; starting a fresh one. CLI said: {Stderr}", Name, lost, failed.StderrTail.Trim());
        _state.State.CliSessionId = null;
        _state.State.ConversationResetAt = DateTimeOffset.UtcNow;
        _state.State.LastFailure = $"Could not resume conversation {lost} (transcript missing or corrupt); a fresh conversation was started.";
        await _process.StopAsync("its conversation could not be resumed");
        return await ProcessForAsync(query);
    }

    private async Task FailAsync(PendingQuery query, Exception error)
    {
        if (_terminating)
        {
            // Its process was stopped under it: the caller should hear why, not that the CLI exited.
            error = new ClaudeSessionException(ClaudeErrorCode.Terminated, $"Session '{Name}' was terminated while the query ran.") { SessionName = Name };
        }

        var code = (error as ClaudeSessionException)?.Code;
        _logger.LogWarning("Session {SessionName}: query {QueryId} failed: {Error}", Name, query.Id, error.Message);
        _state.State.RecordFailedQuery(code is ClaudeErrorCode.Faulted ? null : error.Message);
        _metrics.QueryFailed(error, query.ArrivedAt);
        if (code is ClaudeErrorCode.OutputTooLarge)
        {
            await _process.StopAsync("the CLI wrote an oversized line");
        }

        // Only a lost process (or one that could not start) counts towards the restart intensity: not a cancelled or
        // timed-out query whose CLI answered the interrupt, nor one that never had a process (no slot came free, or
        // its time ran out while it waited), nor one whose session is being terminated.
        var lost = _process.Live is null && code is not ClaudeErrorCode.Faulted
            && (query.HadProcess || code is ClaudeErrorCode.CliNotFound or ClaudeErrorCode.CliStartFailed);
        if (_process.Live is null)
        {
            await _process.StopAsync("the CLI failed");
        }

        if (lost && !_terminating)
        {
            if (_restarts.RecordFailure())
            {
                _logger.LogError("Session {SessionName} is faulted: more than {MaxRestarts} CLI failures within {Window}; last: {Error}",
                    Name, _options.Supervision.MaxRestarts, _options.Supervision.RestartWindow, error.Message);
            }
        }

        _state.State.FaultedUntil = _restarts.FaultedUntil;
        query.Fail(error);
        _events.Publish(query, new QueryCompletedEvent { IsError = true, ErrorCode = code, ErrorMessage = error.Message }, toCaller: false);
        UpdateDirectory();
        if (_restarts.IsFaulted)
        {
            var faulted = new ClaudeSessionException(ClaudeErrorCode.Faulted, $"Session '{Name}' became faulted while the query waited. Last failure: {error.Message}") { SessionName = Name };
            _queue.FailWaiting(faulted);
        }

        await WriteStateAsync();
    }

    private void RecordRestart()
    {
        _state.State.RecordRestart();
        _metrics.Restarted();
    }

    private async Task WriteStateAfterReplyAsync()
    {
        await Task.Yield();
        await WriteStateAsync();
    }

    private async Task WriteStateAsync()
    {
        try
        {
            await _state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // The answer is already in hand; losing a counter update must not lose the answer.
            _logger.LogError(ex, "Session {SessionName}: could not persist its state", Name);
        }
    }
}
