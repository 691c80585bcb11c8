using System.Runtime.CompilerServices;
using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Grains.Supervision;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// A named session owning at most one CLI process. The grain is reentrant so that status and interrupt answer
/// while a query runs; queries go through the session's own FIFO queue and run one at a time.
/// The process is started lazily by the first query, stopped when the session idles (hibernation) or deactivates,
/// and restarted with backoff after a failure, resuming the conversation.
/// </summary>
[Reentrant]
public sealed class ClaudeSessionGrain : Grain, IClaudeSessionGrain
{
    private static readonly QueryOptions DefaultQuery = new();
    private readonly IPersistentState<ClaudeSessionState> _state;
    private readonly ClaudeCliProcessFactory _processFactory;
    private readonly ClaudeGrainsOptions _options;
    private readonly ILogger<ClaudeSessionGrain> _logger;
    private readonly string _siloName;
    private readonly RestartTracker _restarts;
    private readonly Queue<PendingQuery> _queue = new();
    private PendingQuery? _running;
    private ClaudeCliProcess? _process;
    private string? _processResumedFrom;
    private bool _turnSawInit;
    private bool _restarting;
    private Task? _pump;
    private IAsyncStream<ClaudeEvent>? _stream;
    private IGrainTimer? _idleTimer;
    private string? _cliVersion;
    private string? _stopWhenIdle;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public ClaudeSessionGrain(
        [PersistentState("session", ClaudeStorage.SessionStateStorageName)] IPersistentState<ClaudeSessionState> state,
        ClaudeCliProcessFactory processFactory,
        IOptions<ClaudeGrainsOptions> options,
        ILocalSiloDetails siloDetails,
        TimeProvider timeProvider,
        ILogger<ClaudeSessionGrain> logger)
    {
        _state = state;
        _processFactory = processFactory;
        _options = options.Value;
        _logger = logger;
        _siloName = siloDetails.Name;
        _restarts = new RestartTracker(_options.Supervision, timeProvider);
    }

    private string Name => this.GetPrimaryKeyString();

    private SessionOptions EffectiveOptions =>
        _state.State.Options ?? (_options.Sessions.TryGetValue(Name, out var configured) ? configured : _options.Defaults) ?? new SessionOptions();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An invalid name still activates (Orleans accepts any key) but every call on it is refused.
        if (SessionName.GetError(Name) is null)
        {
            _stream = this.GetStreamProvider(ClaudeStreams.ProviderName)
                .GetStream<ClaudeEvent>(StreamId.Create(ClaudeStreams.SessionEventsNamespace, Name));
            if (!_state.RecordExists)
            {
                _state.State.CreatedAt = DateTimeOffset.UtcNow;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        FailQueued(new ClaudeSessionException(ClaudeErrorCode.Cancelled, $"Session '{Name}' was deactivated ({reason.Description}) before the query ran.") { SessionName = Name });
        await StopProcessAsync($"deactivation ({reason.ReasonCode})");
    }

    /// <inheritdoc />
    public Task<ClaudeResult> QueryAsync(string prompt, CancellationToken cancellationToken = default) =>
        QueryAsync(prompt, DefaultQuery, cancellationToken);

    /// <inheritdoc />
    public Task<ClaudeResult> QueryAsync(string prompt, QueryOptions options, CancellationToken cancellationToken = default) =>
        Enqueue(prompt, options, streaming: false, cancellationToken).Result;

    /// <inheritdoc />
    public IAsyncEnumerable<ClaudeEvent> QueryStreamAsync(string prompt, CancellationToken cancellationToken = default) =>
        QueryStreamAsync(prompt, DefaultQuery, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ClaudeEvent> QueryStreamAsync(string prompt, QueryOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = Enqueue(prompt, options, streaming: true, cancellationToken);
        await foreach (var @event in query.Events.ReadAllAsync(CancellationToken.None))
        {
            yield return @event;
        }
    }

    /// <inheritdoc />
    public async Task RestartAsync()
    {
        EnsureValidName();
        _logger.LogInformation("Session {SessionName}: explicit restart with a fresh conversation", Name);
        _restarts.Reset();
        _state.State.CliSessionId = null;
        _state.State.Counters = _state.State.Counters with { Restarts = _state.State.Counters.Restarts + 1 };
        await WriteStateAsync();
        await StopNowOrWhenIdleAsync("explicit restart");
    }

    /// <inheritdoc />
    public async Task ConfigureAsync(SessionOptions options)
    {
        EnsureValidName();
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _state.State.Options = options;
        _restarts.Reset();
        await _state.WriteStateAsync();
        _logger.LogInformation("Session {SessionName} reconfigured", Name);

        // New command-line options need a new process; the conversation carries over through --resume.
        await StopNowOrWhenIdleAsync("reconfiguration");
    }

    /// <inheritdoc />
    public Task<SessionOptions> GetOptionsAsync()
    {
        EnsureValidName();
        return Task.FromResult(EffectiveOptions);
    }

    /// <inheritdoc />
    public Task<SessionStatus> GetStatusAsync()
    {
        EnsureValidName();
        var live = _process is { HasExited: false } ? _process : null;
        var state = _restarts.IsFaulted ? SessionState.Faulted
            : _restarting ? SessionState.Restarting
            : _running is not null ? SessionState.Busy
            : live is null ? SessionState.Hibernated
            : SessionState.Ready;
        return Task.FromResult(new SessionStatus
        {
            Name = Name,
            State = state,
            ProcessId = live?.ProcessId,
            Silo = _siloName,
            CliSessionId = _state.State.CliSessionId,
            ProcessStartedAt = live?.StartedAt,
            LastActiveAt = _state.State.LastActiveAt,
            QueueLength = _queue.Count(q => !q.IsCompleted),
            LastFailure = _state.State.LastFailure,
            Counters = _state.State.Counters,
            CreatedAt = _state.State.CreatedAt,
            CliVersion = _cliVersion,
            ConversationResetAt = _state.State.ConversationResetAt,
            FaultedUntil = _restarts.FaultedUntil,
        });
    }

    /// <inheritdoc />
    public async Task InterruptAsync()
    {
        EnsureValidName();
        if (_running is not null && _process is { HasExited: false } process)
        {
            await SendInterruptAsync(process);
        }
    }

    private void EnsureValidName() => SessionName.Validate(Name);

    private PendingQuery Enqueue(string prompt, QueryOptions options, bool streaming, CancellationToken cancellationToken)
    {
        EnsureValidName();
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException("Prompt must not be empty.", nameof(prompt));
        }

        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ThrowIfFaulted();
        var session = EffectiveOptions;
        var query = new PendingQuery(
            prompt,
            streaming,
            options.Timeout ?? session.QueryTimeout ?? _options.DefaultQueryTimeout,
            options.InactivityTimeout ?? session.InactivityTimeout ?? _options.Supervision.InactivityTimeout,
            cancellationToken);
        _queue.Enqueue(query);
        _pump ??= PumpAsync();
        return query;
    }

    private void ThrowIfFaulted()
    {
        if (_restarts.IsFaulted)
        {
            throw new ClaudeSessionException(ClaudeErrorCode.Faulted,
                $"Session '{Name}' is faulted after more than {_options.Supervision.MaxRestarts} CLI failures within {_options.Supervision.RestartWindow}; " +
                $"it refuses queries until {_restarts.FaultedUntil:u}, a RestartAsync or a reconfiguration. Last failure: {_state.State.LastFailure}")
            {
                SessionName = Name,
            };
        }
    }

    private async Task PumpAsync()
    {
        // Let the caller that created the pump get its query back before the first one runs.
        await Task.Yield();
        try
        {
            while (_queue.TryDequeue(out var query))
            {
                if (!query.TryStart())
                {
                    query.Dispose();
                    continue;
                }

                _running = query;
                try
                {
                    await RunAsync(query);
                }
                catch (Exception ex)
                {
                    await FailAsync(query, ex);
                }
                finally
                {
                    _running = null;
                    query.Dispose();
                }

                if (_stopWhenIdle is { } why)
                {
                    _stopWhenIdle = null;
                    await StopProcessAsync(why);
                }
            }
        }
        finally
        {
            _pump = null;
            ArmIdleTimer();
        }
    }

    private async Task RunAsync(PendingQuery query)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["SessionName"] = Name, ["QueryId"] = query.Id });
        ThrowIfFaulted();
        var process = await EnsureProcessAsync();
        await PublishAsync(query, new QueryStartedEvent { Prompt = query.Prompt }, toCaller: false);

        var result = await AskAsync(process, query);
        var conversationReset = false;
        if (IsFailedResume(process, result))
        {
            conversationReset = true;
            process = await StartFreshConversationAsync(process);
            result = await AskAsync(process, query);
        }

        var answer = CliEventMapper.ToResult(result, query.Id) with { ConversationReset = conversationReset };
        _restarts.RecordSuccess();
        await RecordAnswerAsync(answer);
        await PublishAsync(query, new ResultEvent { Result = answer });
        query.Complete(answer);
        await PublishAsync(query, new QueryCompletedEvent { IsError = answer.IsError }, toCaller: false);
        _logger.LogInformation("Query answered: {Subtype}, {Turns} turn(s), {Cost} USD, {Duration} ms", answer.Subtype, answer.NumTurns, answer.TotalCostUsd, (long)answer.Duration.TotalMilliseconds);
    }

    private async Task<ResultMessage> AskAsync(ClaudeCliProcess process, PendingQuery query)
    {
        _logger.LogDebug("Sending prompt: {Prompt}", query.Prompt);
        _turnSawInit = false;
        process.SendUserMessage(query.Prompt);
        try
        {
            return await TurnReader.ReadAsync(process, Name, message => OnMessageAsync(query, message), query.InactivityTimeout, query.Token);
        }
        catch (OperationCanceledException) when (query.Token.IsCancellationRequested)
        {
            await AbandonTurnAsync(process);
            throw query.CallerCancelled
                ? new OperationCanceledException($"The query to session '{Name}' was cancelled by its caller.")
                : new ClaudeSessionException(ClaudeErrorCode.Timeout, $"The query to session '{Name}' did not finish within {query.Timeout}; it was interrupted.") { SessionName = Name };
        }
        catch (CliInactivityException ex)
        {
            await AbandonTurnAsync(process);
            throw new ClaudeSessionException(ClaudeErrorCode.Timeout, $"Session '{Name}': the CLI wrote nothing for {ex.Limit} (inactivity timeout); the query was interrupted.") { SessionName = Name };
        }
        catch (ClaudeSessionException ex) when (ex.Code == ClaudeErrorCode.CliExited && IsFailedResume(process, null))
        {
            // The CLI gave up on the transcript and exited without a result line.
            return new ResultMessage { Type = "result", Subtype = "error_during_execution", IsError = true };
        }
    }

    private Task OnMessageAsync(PendingQuery query, CliMessage message)
    {
        if (message is SystemMessage { IsInit: true } init)
        {
            _turnSawInit = true;
            _state.State.CliSessionId = init.SessionId ?? _state.State.CliSessionId;
            _cliVersion = init.Version ?? _cliVersion;
        }

        return PublishAllAsync(query, CliEventMapper.Map(message));
    }

    private async Task PublishAllAsync(PendingQuery query, IEnumerable<ClaudeEvent> events)
    {
        foreach (var @event in events)
        {
            await PublishAsync(query, @event);
        }
    }

    /// <summary>A process started with --resume that ends its first turn without ever starting it could not load the transcript.</summary>
    private bool IsFailedResume(ClaudeCliProcess process, ResultMessage? result) =>
        _processResumedFrom is not null && !_turnSawInit && (result is null
            ? process.StderrTail.Contains("No conversation found", StringComparison.OrdinalIgnoreCase)
            : result.IsError && result.NumTurns == 0);

    private async Task<ClaudeCliProcess> StartFreshConversationAsync(ClaudeCliProcess failed)
    {
        var lost = _processResumedFrom;
        _logger.LogWarning("Session {SessionName} could not resume conversation {CliSessionId}; starting a fresh one. CLI said: {Stderr}", Name, lost, failed.StderrTail.Trim());
        _state.State.CliSessionId = null;
        _state.State.ConversationResetAt = DateTimeOffset.UtcNow;
        _state.State.LastFailure = $"Could not resume conversation {lost} (transcript missing or corrupt); a fresh conversation was started.";
        await StopProcessAsync("its conversation could not be resumed");
        return await EnsureProcessAsync();
    }

    /// <summary>
    /// Ends a turn the caller no longer waits for: interrupt it and read up to its result so the next query starts
    /// in step; a CLI that does not answer in time is stopped (the next query resumes the conversation).
    /// </summary>
    private async Task AbandonTurnAsync(ClaudeCliProcess process)
    {
        await SendInterruptAsync(process);
        if (!await TurnReader.DrainAsync(process, _options.Cli.InterruptGracePeriod))
        {
            _logger.LogWarning("Session {SessionName}: the interrupted query did not end within {Grace}; stopping the CLI", Name, _options.Cli.InterruptGracePeriod);
            await StopProcessAsync("interrupted query did not end");
        }
    }

    private async Task SendInterruptAsync(ClaudeCliProcess process)
    {
        using var timeout = new CancellationTokenSource(_options.Cli.InterruptGracePeriod);
        try
        {
            var response = await process.SendControlRequestAsync("interrupt", null, timeout.Token);
            if (!response.IsSuccess)
            {
                _logger.LogWarning("Session {SessionName}: the CLI refused the interrupt: {Error}", Name, response.Error);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            _logger.LogWarning("Session {SessionName}: interrupt not acknowledged: {Error}", Name, ex.Message);
        }
    }

    private async Task<ClaudeCliProcess> EnsureProcessAsync()
    {
        if (_process is { HasExited: false } live)
        {
            return live;
        }

        await StopProcessAsync("it exited");
        var delay = _restarts.DelayBeforeStart();
        if (delay > TimeSpan.Zero)
        {
            _logger.LogInformation("Session {SessionName}: restarting the CLI in {Delay}", Name, delay);
            _restarting = true;
            try
            {
                await Task.Delay(delay);
            }
            finally
            {
                _restarting = false;
            }

            _state.State.Counters = _state.State.Counters with { Restarts = _state.State.Counters.Restarts + 1 };
        }

        _process = _processFactory.Start(Name, EffectiveOptions, _state.State.CliSessionId);
        _processResumedFrom = _state.State.CliSessionId;
        return _process;
    }

    private async Task StopNowOrWhenIdleAsync(string why)
    {
        if (_running is null)
        {
            await StopProcessAsync(why);
        }
        else
        {
            _stopWhenIdle = why;
        }
    }

    private async Task StopProcessAsync(string why)
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        _logger.LogInformation("Stopping CLI process {ProcessId} of session {SessionName}: {Why}", process.ProcessId, Name, why);
        await process.StopAsync(_options.Cli.ShutdownGracePeriod);
        await process.DisposeAsync();
    }

    private void ArmIdleTimer()
    {
        if (_process is null)
        {
            return;
        }

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
        if (_running is null && _queue.Count == 0 && _process is not null)
        {
            await StopProcessAsync("idle; hibernating (the next query resumes the conversation)");
        }
    }

    private void FailQueued(Exception error)
    {
        while (_queue.TryDequeue(out var queued))
        {
            queued.Fail(error);
        }
    }

    private async Task FailAsync(PendingQuery query, Exception error)
    {
        var code = (error as ClaudeSessionException)?.Code;
        _logger.LogWarning("Session {SessionName}: query {QueryId} failed: {Error}", Name, query.Id, error.Message);
        if (code is not ClaudeErrorCode.Faulted)
        {
            _state.State.LastFailure = error.Message;
        }

        _state.State.Counters = _state.State.Counters with
        {
            Queries = _state.State.Counters.Queries + 1,
            FailedQueries = _state.State.Counters.FailedQueries + 1,
        };
        if (code is ClaudeErrorCode.OutputTooLarge)
        {
            await StopProcessAsync("the CLI wrote an oversized line");
        }

        // Only a lost process counts towards the restart intensity; a cancelled or timed-out query whose CLI
        // answered the interrupt does not.
        if (code is not ClaudeErrorCode.Faulted && _process is not { HasExited: false })
        {
            await StopProcessAsync("the CLI failed");
            if (_restarts.RecordFailure())
            {
                _logger.LogError("Session {SessionName} is faulted: more than {MaxRestarts} CLI failures within {Window}; last: {Error}",
                    Name, _options.Supervision.MaxRestarts, _options.Supervision.RestartWindow, error.Message);
            }
        }

        query.Fail(error);
        await PublishAsync(query, new QueryCompletedEvent { IsError = true, ErrorCode = code, ErrorMessage = error.Message }, toCaller: false);
        if (_restarts.IsFaulted)
        {
            var faulted = new ClaudeSessionException(ClaudeErrorCode.Faulted, $"Session '{Name}' became faulted while the query waited. Last failure: {error.Message}") { SessionName = Name };
            FailQueued(faulted);
        }

        await WriteStateAsync();
    }

    private async Task RecordAnswerAsync(ClaudeResult answer)
    {
        var counters = _state.State.Counters;
        _state.State.CliSessionId = answer.CliSessionId ?? _state.State.CliSessionId;
        _state.State.LastActiveAt = DateTimeOffset.UtcNow;
        _state.State.Counters = counters with
        {
            Queries = counters.Queries + 1,
            Turns = counters.Turns + answer.NumTurns,
            InputTokens = counters.InputTokens + answer.Usage.InputTokens,
            OutputTokens = counters.OutputTokens + answer.Usage.OutputTokens,
            CostUsd = counters.CostUsd + answer.TotalCostUsd,
            FailedQueries = counters.FailedQueries + (answer.IsError ? 1 : 0),
        };
        if (answer.IsError)
        {
            _state.State.LastFailure = $"{answer.Subtype}: {answer.Text}";
        }

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

    private async Task PublishAsync(PendingQuery query, ClaudeEvent @event, bool toCaller = true)
    {
        var stamped = @event with { QueryId = query.Id, Sequence = query.NextSequence++, SessionName = Name };
        if (toCaller)
        {
            query.Emit(stamped);
        }

        if (_stream is null)
        {
            return;
        }

        try
        {
            await _stream.OnNextAsync(stamped);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Session {SessionName}: could not publish an event on its stream", Name);
        }
    }
}
