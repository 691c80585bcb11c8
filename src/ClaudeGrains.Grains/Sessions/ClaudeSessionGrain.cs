using System.Runtime.CompilerServices;
using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Management;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Grains.Supervision;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// A named session owning at most one CLI process. The grain is reentrant so that status and interrupt answer
/// while a query runs; queries go through the session's own FIFO queue and run one at a time.
/// The process is started lazily by the first query, stopped when the session idles (hibernation) or deactivates,
/// and restarted with backoff after a failure, resuming the conversation.
/// </summary>
[Reentrant]
[ActivationCountBasedPlacement] // each session may own a CLI process: spread them by count, not by the host's own load
public sealed class ClaudeSessionGrain : Grain, IClaudeSessionGrain, ISessionControl
{
    private static readonly QueryOptions DefaultQuery = new();
    private readonly IPersistentState<ClaudeSessionState> _state;
    private readonly ClaudeGrainsOptions _options;
    private readonly ILogger<ClaudeSessionGrain> _logger;
    private readonly string _siloName;
    private readonly RestartTracker _restarts;
    private readonly CliProcessBudget _budget;
    private readonly LocalSessionDirectory _directory;
    private bool _registered = true;
    private readonly SessionQueue _queue;
    private readonly SessionProcess _process;
    private bool _turnSawInit;
    private SessionEventPublisher _events;
    private IGrainTimer? _idleTimer;
    private string? _cliVersion;
    private string? _stopWhenIdle;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public ClaudeSessionGrain(
        [PersistentState("session", ClaudeStorage.SessionStateStorageName)] IPersistentState<ClaudeSessionState> state,
        ClaudeCliProcessFactory processFactory,
        CliProcessBudget budget,
        LocalSessionDirectory directory,
        IOptions<ClaudeGrainsOptions> options,
        ILocalSiloDetails siloDetails,
        TimeProvider timeProvider,
        ILogger<ClaudeSessionGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _logger = logger;
        _siloName = siloDetails.Name;
        _restarts = new RestartTracker(_options.Supervision, timeProvider);
        _budget = budget;
        _directory = directory;
        _queue = new SessionQueue(RunAsync, FailAsync, OnQueryStarted, OnQueryEndedAsync, OnDrained);
        _events = new SessionEventPublisher(this.GetPrimaryKeyString(), null, logger);
        _process = new SessionProcess(this.GetPrimaryKeyString(), processFactory, budget, _options, _restarts, logger);
    }

    private string Name => this.GetPrimaryKeyString();

    private SessionOptions EffectiveOptions =>
        _state.State.Options
        ?? SessionOptionsDefaults.Apply(_options.Sessions.TryGetValue(Name, out var configured) ? configured : new SessionOptions(), _options.Defaults);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An invalid name still activates (Orleans accepts any key) but every call on it is refused.
        if (SessionName.GetError(Name) is null)
        {
            var stream = this.GetStreamProvider(ClaudeStreams.ProviderName)
                .GetStream<ClaudeEvent>(StreamId.Create(ClaudeStreams.SessionEventsNamespace, Name));
            _events = new SessionEventPublisher(Name, stream, _logger);
            if (!_state.RecordExists)
            {
                _state.State.CreatedAt = DateTimeOffset.UtcNow;
            }

            _restarts.RestoreFault(_state.State.FaultedUntil);
            await RegisterAsync();
            UpdateDirectory();
        }
    }

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
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _queue.FailWaiting(new ClaudeSessionException(ClaudeErrorCode.Cancelled, $"Session '{Name}' was deactivated ({reason.Description}) before the query ran.") { SessionName = Name });
        await _process.StopAsync($"deactivation ({reason.ReasonCode})");
        _directory.Remove(Name);
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
        _state.State.FaultedUntil = null;
        _state.State.CliSessionId = null;
        _state.State.RecordRestart();
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
        _state.State.FaultedUntil = null;
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
        return Task.FromResult(BuildStatus());
    }

    private SessionStatus BuildStatus()
    {
        var live = _process.Live;
        var state = _restarts.IsFaulted ? SessionState.Faulted
            : _process.IsRestarting ? SessionState.Restarting
            : _process.IsStarting ? SessionState.Starting
            : _queue.Running is not null ? SessionState.Busy
            : live is null ? SessionState.Hibernated
            : SessionState.Ready;
        return _state.State.ToStatus(Name, _siloName, state, live, _queue.Waiting, _cliVersion, _restarts.FaultedUntil);
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
        _queue.FailWaiting(new ClaudeSessionException(ClaudeErrorCode.Terminated, $"Session '{Name}' was terminated before the query ran.") { SessionName = Name });
        await _process.StopAsync("terminated");
        await _state.ClearStateAsync();
        _directory.Remove(Name);
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task SetRegisteredAsync(bool registered)
    {
        _registered = registered || !_options.RequireRegistration;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task InterruptAsync()
    {
        EnsureValidName();
        if (_queue.Running is not null)
        {
            await _process.InterruptAsync();
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
        var reused = _process.Live is not null;
        var process = await EnsureProcessAsync();
        await _events.PublishAsync(query, new QueryStartedEvent { Prompt = query.Prompt }, toCaller: false);

        ResultMessage result;
        try
        {
            result = await AskAsync(process, query);
        }
        catch (ClaudeSessionException ex) when (ex.Code == ClaudeErrorCode.CliExited && reused && !_turnSawInit)
        {
            // The idle process had died (crash, kill -9, OOM) before this turn began; the CLI writes init before it
            // calls the API, so the prompt was never acted on and is safe to send to a new process.
            _logger.LogWarning("Session {SessionName}: its idle CLI process had died ({Error}); restarting it", Name, ex.Message);
            process = await EnsureProcessAsync();
            result = await AskAsync(process, query);
        }

        var conversationReset = false;
        if (_process.IsFailedResume(process, _turnSawInit, result))
        {
            conversationReset = true;
            process = await StartFreshConversationAsync(process);
            result = await AskAsync(process, query);
        }

        var answer = CliEventMapper.ToResult(result, query.Id) with { ConversationReset = conversationReset };
        _restarts.RecordSuccess();
        _state.State.RecordAnswer(answer, DateTimeOffset.UtcNow);
        await WriteStateAsync();
        await _events.PublishAsync(query, new ResultEvent { Result = answer });
        query.Complete(answer);
        await _events.PublishAsync(query, new QueryCompletedEvent { IsError = answer.IsError }, toCaller: false);
        _logger.LogInformation("Query answered: {Subtype}, {Turns} turn(s), {Cost} USD, {Duration} ms", answer.Subtype, answer.NumTurns, answer.TotalCostUsd, (long)answer.Duration.TotalMilliseconds);
    }

    private async Task<ResultMessage> AskAsync(ClaudeCliProcess process, PendingQuery query)
    {
        _logger.LogDebug("Sending prompt: {Prompt}", query.Prompt);
        _turnSawInit = false;
        if (!process.TrySendUserMessage(query.Prompt))
        {
            var exit = await process.Exited;
            throw new ClaudeSessionException(ClaudeErrorCode.CliExited, $"Session '{Name}': {exit.Describe()}") { SessionName = Name };
        }

        try
        {
            return await TurnReader.ReadAsync(process, Name, message => OnMessageAsync(query, message), query.InactivityTimeout, query.Token);
        }
        catch (OperationCanceledException) when (query.Token.IsCancellationRequested)
        {
            await _process.AbandonTurnAsync(process);
            throw query.CallerCancelled
                ? new OperationCanceledException($"The query to session '{Name}' was cancelled by its caller.")
                : new ClaudeSessionException(ClaudeErrorCode.Timeout, $"The query to session '{Name}' did not finish within {query.Timeout}; it was interrupted.") { SessionName = Name };
        }
        catch (CliInactivityException ex)
        {
            await _process.AbandonTurnAsync(process);
            throw new ClaudeSessionException(ClaudeErrorCode.Timeout, $"Session '{Name}': the CLI wrote nothing for {ex.Limit} (inactivity timeout); the query was interrupted.") { SessionName = Name };
        }
        catch (ClaudeSessionException ex) when (ex.Code == ClaudeErrorCode.CliExited && _process.IsFailedResume(process, _turnSawInit, null))
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

        return _events.PublishAllAsync(query, CliEventMapper.Map(message));
    }

    private void OnQueryStarted()
    {
        _budget.SetBusy(Name, busy: true);
        UpdateDirectory();
    }

    private async Task OnQueryEndedAsync()
    {
        _budget.SetBusy(Name, busy: false);
        if (_stopWhenIdle is { } why)
        {
            _stopWhenIdle = null;
            await _process.StopAsync(why);
        }

        UpdateDirectory();
    }

    private void OnDrained()
    {
        ArmIdleTimer();
        UpdateDirectory();
    }

    /// <summary>Publishes this session's snapshot to the silo's in-memory directory (no grain call).</summary>
    private void UpdateDirectory() => _directory.Update(SessionInfoMapper.From(BuildStatus(), EffectiveOptions));

    private async Task<ClaudeCliProcess> StartFreshConversationAsync(ClaudeCliProcess failed)
    {
        var lost = _process.ResumedFrom;
        _logger.LogWarning("Session {SessionName} could not resume conversation {CliSessionId}; starting a fresh one. CLI said: {Stderr}", Name, lost, failed.StderrTail.Trim());
        _state.State.CliSessionId = null;
        _state.State.ConversationResetAt = DateTimeOffset.UtcNow;
        _state.State.LastFailure = $"Could not resume conversation {lost} (transcript missing or corrupt); a fresh conversation was started.";
        await _process.StopAsync("its conversation could not be resumed");
        return await EnsureProcessAsync();
    }

    private Task<ClaudeCliProcess> EnsureProcessAsync() =>
        _process.EnsureAsync(EffectiveOptions, _state.State.CliSessionId, _state.State.RecordRestart, failure => _state.State.LastFailure = failure);

    private async Task StopNowOrWhenIdleAsync(string why)
    {
        if (_queue.Running is null)
        {
            await _process.StopAsync(why);
            UpdateDirectory();
        }
        else
        {
            _stopWhenIdle = why;
        }
    }

    private void ArmIdleTimer()
    {
        if (_process.Live is null)
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
        if (_queue.IsIdle)
        {
            await _process.StopAsync("idle; hibernating (the next query resumes the conversation)");
            UpdateDirectory();
        }
    }

    private async Task FailAsync(PendingQuery query, Exception error)
    {
        var code = (error as ClaudeSessionException)?.Code;
        _logger.LogWarning("Session {SessionName}: query {QueryId} failed: {Error}", Name, query.Id, error.Message);
        _state.State.RecordFailedQuery(code is ClaudeErrorCode.Faulted ? null : error.Message);
        if (code is ClaudeErrorCode.OutputTooLarge)
        {
            await _process.StopAsync("the CLI wrote an oversized line");
        }

        // Only a lost process counts towards the restart intensity; a cancelled or timed-out query whose CLI
        // answered the interrupt does not.
        if (code is not ClaudeErrorCode.Faulted && _process.Live is null)
        {
            await _process.StopAsync("the CLI failed");
            if (_restarts.RecordFailure())
            {
                _logger.LogError("Session {SessionName} is faulted: more than {MaxRestarts} CLI failures within {Window}; last: {Error}",
                    Name, _options.Supervision.MaxRestarts, _options.Supervision.RestartWindow, error.Message);
            }
        }

        _state.State.FaultedUntil = _restarts.FaultedUntil;
        query.Fail(error);
        await _events.PublishAsync(query, new QueryCompletedEvent { IsError = true, ErrorCode = code, ErrorMessage = error.Message }, toCaller: false);
        if (_restarts.IsFaulted)
        {
            var faulted = new ClaudeSessionException(ClaudeErrorCode.Faulted, $"Session '{Name}' became faulted while the query waited. Last failure: {error.Message}") { SessionName = Name };
            _queue.FailWaiting(faulted);
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
}
