using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Management;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Grains.Supervision;
using ClaudeGrains.Grains.Telemetry;
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
public sealed partial class ClaudeSessionGrain : Grain, IClaudeSessionGrain, ISessionControl
{
    private static readonly QueryOptions DefaultQuery = new();
    private readonly IPersistentState<ClaudeSessionState> _state;
    private readonly ClaudeGrainsOptions _options;
    private readonly ILogger<ClaudeSessionGrain> _logger;
    private readonly string _siloName;
    private readonly RestartTracker _restarts;
    private readonly CliProcessBudget _budget;
    private readonly LocalSessionDirectory _directory;
    private readonly ClaudeGrainsMetrics _metrics;
    private readonly TimeProvider _time;
    private bool _registered = true;
    private readonly SessionQueue _queue;
    private readonly SessionProcess _process;
    private bool _turnSawInit;
    private SessionEventPublisher _events;
    private IGrainTimer? _idleTimer;
    private string? _cliVersion;
    private string? _stopWhenIdle;
    private bool _freshConversationWhenIdle;
    private bool _terminating;
    private readonly StreamingCallers _callers = new();
    private SessionOptions? _effectiveOptions;
    private Task _persisting = Task.CompletedTask;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public ClaudeSessionGrain(
        [PersistentState("session", ClaudeStorage.SessionStateStorageName)] IPersistentState<ClaudeSessionState> state,
        ClaudeCliProcessFactory processFactory,
        CliProcessBudget budget,
        WarmProcessPool warmPool,
        LocalSessionDirectory directory,
        ClaudeGrainsMetrics metrics,
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
        _metrics = metrics;
        _queue = new SessionQueue(RunAsync, FailAsync, OnQueryStarted, OnQueryEndedAsync, OnDrained);
        _time = timeProvider;
        _events = new SessionEventPublisher(this.GetPrimaryKeyString(), null, TimeSpan.Zero, timeProvider, logger);
        _process = new SessionProcess(this.GetPrimaryKeyString(), processFactory, budget, warmPool, _options, _restarts, logger);
    }

    private string Name => this.GetPrimaryKeyString();

    // Read several times per query; merged once and forgotten whenever the stored options change.
    private SessionOptions EffectiveOptions => _effectiveOptions ??= _state.State.Options ?? SessionOptionsDefaults.For(Name, _options);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An invalid name still activates (Orleans accepts any key) but every call on it is refused.
        if (SessionName.GetError(Name) is null)
        {
            var stream = this.GetStreamProvider(ClaudeStreams.ProviderName)
                .GetStream<ClaudeEvent>(StreamId.Create(ClaudeStreams.SessionEventsNamespace, Name));
            _events = new SessionEventPublisher(Name, stream, _options.Streams.BatchInterval, _time, _logger);
            if (!_state.RecordExists)
            {
                _state.State.CreatedAt = DateTimeOffset.UtcNow;
            }

            _restarts.RestoreFault(_state.State.FaultedUntil);
            await RegisterAsync();
            UpdateDirectory();
            ArmIdleTimer(); // a session that is only looked at (status, configuration) hibernates like one that was asked
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _queue.FailWaiting(new ClaudeSessionException(ClaudeErrorCode.Cancelled, $"Session '{Name}' was deactivated ({reason.Description}) before the query ran.") { SessionName = Name });
        await _persisting; // the last answer's state write may still be on its way
        await _process.StopAsync($"deactivation ({reason.ReasonCode})");
        await _events.Sent; // subscribers still get the end of the last query
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
    public IAsyncEnumerable<ClaudeEvent> QueryStreamAsync(string prompt, QueryOptions options, CancellationToken cancellationToken = default) =>
        _callers.Enumerate(Enqueue(prompt, options, streaming: true, cancellationToken));

    /// <inheritdoc />
    public async Task RestartAsync()
    {
        EnsureValidName();
        _logger.LogInformation("Session {SessionName}: explicit restart with a fresh conversation", Name);
        _restarts.Reset();
        _state.State.FaultedUntil = null;

        // Cleared before any await, so a start from here on begins a fresh conversation. A running query belongs to
        // the old one and records its id again as it ends, so the id is cleared once more after it.
        _state.State.CliSessionId = null;
        _freshConversationWhenIdle = _queue.Running is not null;
        RecordRestart();
        await StopNowOrWhenIdleAsync("explicit restart");
        await WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task ConfigureAsync(SessionOptions options)
    {
        EnsureValidName();
        ArgumentNullException.ThrowIfNull(options);
        _options.ValidateSessionOptions(options);
        _state.State.Options = options;
        _effectiveOptions = null;
        _restarts.Reset();
        _state.State.FaultedUntil = null;
        await _state.WriteStateAsync();
        _logger.LogInformation("Session {SessionName} reconfigured", Name);
        ArmIdleTimer(); // the new options may set another IdleTimeout

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
            : _queue.Running is { IsCompleted: false } ? SessionState.Busy // answered: only its state write is left
            : live is null ? SessionState.Hibernated
            : SessionState.Ready;
        return _state.State.ToStatus(Name, _siloName, state, live, _queue.Waiting, _cliVersion, _restarts.FaultedUntil);
    }

    /// <inheritdoc />
    public async Task InterruptAsync()
    {
        EnsureValidName();
        if (_queue.Running is not { } running)
        {
            return;
        }

        if (running.InTurn)
        {
            await _process.InterruptAsync();
        }
        else
        {
            // Still waiting for its process (a slot, a restart backoff, a cold start), where the CLI cannot hear it.
            running.InterruptBeforePrompt();
        }
    }

    private void EnsureValidName() => SessionName.Validate(Name);

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

        if (_freshConversationWhenIdle)
        {
            _freshConversationWhenIdle = false;
            _state.State.CliSessionId = null;
            await WriteStateAsync();
        }

        // No directory update here: the answer or failure already made one, and the queue goes straight on to the
        // next query's start or to its drain, both of which make another.
    }

    private void OnDrained()
    {
        ArmIdleTimer();
        UpdateDirectory();
    }

    private Task<ClaudeCliProcess> EnsureProcessAsync(CancellationToken cancellationToken = default) =>
        _process.EnsureAsync(EffectiveOptions, _state.State.CliSessionId, RecordRestart, failure => _state.State.LastFailure = failure, cancellationToken);

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

}
