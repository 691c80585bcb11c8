using System.Runtime.CompilerServices;
using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// A named session owning one CLI process. The grain is reentrant so that status and interrupt answer while a
/// query runs; queries themselves go through the session's own FIFO queue and run one at a time.
/// The process is started lazily by the first query (a session that was never asked holds no process) and
/// stopped on deactivation.
/// </summary>
[Reentrant]
public sealed class ClaudeSessionGrain : Grain, IClaudeSessionGrain
{
    private readonly IPersistentState<ClaudeSessionState> _state;
    private readonly ClaudeCliProcessFactory _processFactory;
    private readonly ClaudeGrainsOptions _options;
    private readonly ILogger<ClaudeSessionGrain> _logger;
    private readonly string _siloName;
    private readonly Queue<PendingQuery> _queue = new();
    private PendingQuery? _running;
    private ClaudeCliProcess? _process;
    private Task? _pump;
    private IAsyncStream<ClaudeEvent>? _stream;
    private string? _cliVersion;
    private bool _restartWhenIdle;

    /// <summary>Creates the grain (called by Orleans).</summary>
    public ClaudeSessionGrain(
        [PersistentState("session", ClaudeStorage.SessionStateStorageName)] IPersistentState<ClaudeSessionState> state,
        ClaudeCliProcessFactory processFactory,
        IOptions<ClaudeGrainsOptions> options,
        ILocalSiloDetails siloDetails,
        ILogger<ClaudeSessionGrain> logger)
    {
        _state = state;
        _processFactory = processFactory;
        _options = options.Value;
        _logger = logger;
        _siloName = siloDetails.Name;
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
        var error = new ClaudeSessionException(ClaudeErrorCode.Cancelled, $"Session '{Name}' was deactivated ({reason.Description}) before the query ran.") { SessionName = Name };
        while (_queue.TryDequeue(out var queued))
        {
            queued.Fail(error);
        }

        await StopProcessAsync($"deactivation ({reason.ReasonCode})");
    }

    /// <inheritdoc />
    public Task<ClaudeResult> QueryAsync(string prompt, CancellationToken cancellationToken = default) =>
        Enqueue(prompt, streaming: false, cancellationToken).Result;

    /// <inheritdoc />
    public async IAsyncEnumerable<ClaudeEvent> QueryStreamAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = Enqueue(prompt, streaming: true, cancellationToken);
        await foreach (var @event in query.Events.ReadAllAsync(CancellationToken.None))
        {
            yield return @event;
        }
    }

    /// <inheritdoc />
    public async Task ConfigureAsync(SessionOptions options)
    {
        EnsureValidName();
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _state.State.Options = options;
        await _state.WriteStateAsync();
        _logger.LogInformation("Session {SessionName} reconfigured", Name);
        if (_process is not null)
        {
            // New command-line options need a new process; the conversation carries over through --resume.
            if (_running is null)
            {
                await StopProcessAsync("reconfiguration");
            }
            else
            {
                _restartWhenIdle = true;
            }
        }
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
        return Task.FromResult(new SessionStatus
        {
            Name = Name,
            State = live is null ? SessionState.Hibernated : _running is not null ? SessionState.Busy : SessionState.Ready,
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

    private PendingQuery Enqueue(string prompt, bool streaming, CancellationToken cancellationToken)
    {
        EnsureValidName();
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException("Prompt must not be empty.", nameof(prompt));
        }

        var timeout = EffectiveOptions.QueryTimeout ?? _options.DefaultQueryTimeout;
        var query = new PendingQuery(prompt, streaming, timeout, cancellationToken);
        _queue.Enqueue(query);
        _pump ??= PumpAsync();
        return query;
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

                if (_restartWhenIdle)
                {
                    _restartWhenIdle = false;
                    await StopProcessAsync("reconfiguration");
                }
            }
        }
        finally
        {
            _pump = null;
        }
    }

    private async Task RunAsync(PendingQuery query)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["SessionName"] = Name, ["QueryId"] = query.Id });
        var process = EnsureProcess();
        await PublishAsync(query, new QueryStartedEvent { Prompt = query.Prompt }, toCaller: false);
        _logger.LogDebug("Sending prompt: {Prompt}", query.Prompt);
        process.SendUserMessage(query.Prompt);

        ResultMessage result;
        try
        {
            result = await ReadTurnAsync(process, query, query.Token);
        }
        catch (OperationCanceledException) when (query.Token.IsCancellationRequested)
        {
            await AbandonTurnAsync(process);
            throw query.CallerCancelled
                ? new OperationCanceledException($"The query to session '{Name}' was cancelled by its caller.")
                : new ClaudeSessionException(ClaudeErrorCode.Timeout, $"The query to session '{Name}' did not finish within {query.Timeout}; it was interrupted.") { SessionName = Name };
        }

        var answer = CliEventMapper.ToResult(result, query.Id);
        await RecordAnswerAsync(answer);
        await PublishAsync(query, new ResultEvent { Result = answer });
        query.Complete(answer);
        await PublishAsync(query, new QueryCompletedEvent { IsError = answer.IsError }, toCaller: false);
        _logger.LogInformation("Query answered: {Subtype}, {Turns} turn(s), {Cost} USD, {Duration} ms", answer.Subtype, answer.NumTurns, answer.TotalCostUsd, (long)answer.Duration.TotalMilliseconds);
    }

    private async Task<ResultMessage> ReadTurnAsync(ClaudeCliProcess process, PendingQuery query, CancellationToken cancellationToken)
    {
        var messages = process.Messages;
        while (true)
        {
            try
            {
                if (!await messages.WaitToReadAsync(cancellationToken))
                {
                    var exit = await process.Exited;
                    throw new ClaudeSessionException(ClaudeErrorCode.CliExited, $"Session '{Name}': {exit.Describe()}") { SessionName = Name };
                }
            }
            catch (CliOutputTooLargeException ex)
            {
                throw new ClaudeSessionException(ClaudeErrorCode.OutputTooLarge, $"Session '{Name}': {ex.Message}") { SessionName = Name };
            }

            while (messages.TryRead(out var message))
            {
                if (message is SystemMessage { IsInit: true } init)
                {
                    _state.State.CliSessionId = init.SessionId ?? _state.State.CliSessionId;
                    _cliVersion = init.Version ?? _cliVersion;
                }

                foreach (var @event in CliEventMapper.Map(message))
                {
                    await PublishAsync(query, @event);
                }

                if (message is ResultMessage result)
                {
                    return result;
                }
            }
        }
    }

    /// <summary>
    /// Ends a turn the caller no longer waits for: interrupt it and read up to its result so the next query starts
    /// in step; a CLI that does not answer in time is stopped (the next query resumes the conversation).
    /// </summary>
    private async Task AbandonTurnAsync(ClaudeCliProcess process)
    {
        using var grace = new CancellationTokenSource(_options.Cli.InterruptGracePeriod);
        try
        {
            await SendInterruptAsync(process);
            var messages = process.Messages;
            while (await messages.WaitToReadAsync(grace.Token))
            {
                while (messages.TryRead(out var message))
                {
                    if (message is ResultMessage)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or CliOutputTooLargeException)
        {
            _logger.LogWarning("Session {SessionName}: the interrupted query did not end within {Grace}; stopping the CLI", Name, _options.Cli.InterruptGracePeriod);
        }

        await StopProcessAsync("interrupted query did not end");
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

    private ClaudeCliProcess EnsureProcess()
    {
        if (_process is { HasExited: false } live)
        {
            return live;
        }

        _process = null;
        _process = _processFactory.Start(Name, EffectiveOptions, _state.State.CliSessionId);
        return _process;
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

    private async Task FailAsync(PendingQuery query, Exception error)
    {
        var code = (error as ClaudeSessionException)?.Code;
        _logger.LogWarning("Session {SessionName}: query {QueryId} failed: {Error}", Name, query.Id, error.Message);
        _state.State.LastFailure = error.Message;
        _state.State.Counters = _state.State.Counters with
        {
            Queries = _state.State.Counters.Queries + 1,
            FailedQueries = _state.State.Counters.FailedQueries + 1,
        };
        if (_process is { HasExited: true } || code is ClaudeErrorCode.OutputTooLarge)
        {
            await StopProcessAsync("the CLI failed");
        }

        query.Fail(error);
        await PublishAsync(query, new QueryCompletedEvent { IsError = true, ErrorCode = code, ErrorMessage = error.Message }, toCaller: false);
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
