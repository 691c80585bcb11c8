using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ClaudeGrains.Cli.Protocol;
using CliWrap;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Cli.Transport;

/// <summary>
/// One long-lived <c>claude</c> process speaking stream-json: lines go in on stdin, parsed messages come out of
/// <see cref="Messages"/>, stderr is drained continuously into the log and a bounded tail.
/// </summary>
public sealed class ClaudeCliProcess : IAsyncDisposable
{
    /// <summary>
    /// The environment variables whose values never appear in what the process's output is quoted in (errors, logs,
    /// a session's last failure), whether set for the process or inherited from the host.
    /// </summary>
    public static readonly IReadOnlyList<string> SecretVariables = ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN"];

    private readonly ClaudeCliProcessOptions _options;
    private readonly ILogger _logger;
    // Synchronous continuations: a line written while the pump waits is written to the pipe by the writer's own
    // thread (a pipe with room takes it at once), instead of waking a pool thread for it first. The pump's awaits
    // do not capture a context, so whatever cannot complete at once goes on in the pool.
    private readonly Channel<byte[]> _stdin = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly Channel<CliMessage> _messages = Channel.CreateUnbounded<CliMessage>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ControlResponseMessage>> _pendingControl = new();
    private readonly CancellationTokenSource _kill = new();
    private static readonly TimeSpan OrphanedOutputGrace = TimeSpan.FromSeconds(2);
    private readonly StderrTail _stderrTail;
    private readonly string[] _secrets;
    private readonly Task<CliExit> _exited;
    private int _stopRequested;
    private bool _exitSeen;
    private long _nextRequestId;
    private decimal _costSoFar;
    private double _apiMillisecondsSoFar;

    private ClaudeCliProcess(ClaudeCliProcessOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _stderrTail = new StderrTail(options.StderrTailChars);
        // The child gets the host's environment with the options' changes on top, so a secret it was not given may
        // still reach it from the host (a gateway's ANTHROPIC_AUTH_TOKEN); a null in the options removes the variable.
        _secrets = [.. SecretVariables
            .Select(name => options.Environment.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name))
            .OfType<string>()
            .Where(value => value.Length > 0)];

        var environment = new Dictionary<string, string?>(options.Environment) { [ProcessReaper.TagVariable] = options.ProcessTag };
        var command = CliWrap.Cli.Wrap(options.ExecutablePath)
            .WithArguments(options.Arguments)
            .WithWorkingDirectory(options.WorkingDirectory)
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(PipeSource.Create(PumpStdinAsync))
            .WithStandardOutputPipe(PipeTarget.Create(ReadStdoutAsync))
            .WithStandardErrorPipe(PipeTarget.Create(ReadStderrAsync));

        var task = HostScheduling.StartChild(() => command.ExecuteAsync(_kill.Token));
        ProcessId = task.ProcessId;
        StartedAt = DateTimeOffset.UtcNow;
        _exited = ObserveExitAsync(task);
        _ = WatchOrphanedOutputAsync();
    }

    /// <summary>The OS process id.</summary>
    public int ProcessId { get; }

    /// <summary>When the process was started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The tag that marks this process and its children (see <see cref="ProcessReaper"/>).</summary>
    public string ProcessTag => _options.ProcessTag;

    /// <summary>
    /// Everything the CLI writes on stdout except answers to our control requests. Completes when stdout closes,
    /// or faults with <see cref="CliOutputTooLargeException"/>.
    /// </summary>
    public ChannelReader<CliMessage> Messages => _messages.Reader;

    /// <summary>Completes when the process has exited and its output is drained.</summary>
    public Task<CliExit> Exited => _exited;

    /// <summary>Whether the process has exited (or its exit is being processed).</summary>
    public bool HasExited => Volatile.Read(ref _exitSeen) || _exited.IsCompleted;

    /// <summary>The end of what the process has written on stderr so far.</summary>
    public string StderrTail => _stderrTail.ToString();

    /// <summary>Starts the process. Throws if the executable cannot be started.</summary>
    public static ClaudeCliProcess Start(ClaudeCliProcessOptions options, ILogger logger)
    {
        if (!Directory.Exists(options.WorkingDirectory))
        {
            throw new DirectoryNotFoundException($"The CLI working directory '{options.WorkingDirectory}' does not exist.");
        }

        return new ClaudeCliProcess(options, logger);
    }

    /// <summary>Writes a user prompt line; false when the process's stdin is already closed (it is exiting).</summary>
    public bool TrySendUserMessage(string prompt) => _stdin.Writer.TryWrite(CliInput.UserMessage(prompt));

    /// <summary>Writes a raw line (it must end with a newline).</summary>
    public void Send(byte[] line)
    {
        if (!_stdin.Writer.TryWrite(line))
        {
            throw new InvalidOperationException("The CLI process's stdin is closed.");
        }
    }

    /// <summary>Sends a control request (e.g. <c>interrupt</c>) and waits for the CLI's answer.</summary>
    public async Task<ControlResponseMessage> SendControlRequestAsync(string subtype, Action<Utf8JsonWriter>? writeFields, CancellationToken cancellationToken)
    {
        var requestId = $"req_{Interlocked.Increment(ref _nextRequestId)}_{ProcessId}";
        var pending = new TaskCompletionSource<ControlResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingControl[requestId] = pending;
        try
        {
            Send(CliInput.ControlRequest(requestId, subtype, writeFields));
            return await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pendingControl.TryRemove(requestId, out _);
        }
    }

    /// <summary>Sends <paramref name="request"/> and waits for the CLI's answer.</summary>
    public Task<ControlResponseMessage> SendControlRequestAsync(CliControlRequest request, CancellationToken cancellationToken) =>
        SendControlRequestAsync(request.Subtype, request.WriteFields, cancellationToken);

    /// <summary>
    /// Stops the process: closes stdin and waits up to <paramref name="grace"/> so the CLI can write its transcript,
    /// then SIGTERM, then kills the whole tree. Every process tagged with <see cref="ProcessTag"/> is gone afterwards.
    /// </summary>
    public async Task<CliExit> StopAsync(TimeSpan grace)
    {
        Interlocked.Exchange(ref _stopRequested, 1);
        _stdin.Writer.TryComplete();
        if (!await WaitExitAsync(grace).ConfigureAwait(false))
        {
            _logger.LogWarning("CLI process {ProcessId} did not exit within {Grace} of stdin closing; sending SIGTERM", ProcessId, grace);
            ProcessReaper.Terminate(ProcessId);
            if (!await WaitExitAsync(_options.TerminateGrace).ConfigureAwait(false))
            {
                _logger.LogWarning("CLI process {ProcessId} ignored SIGTERM; killing its process tree", ProcessId);
                Kill();
            }
        }

        // Leftover children were reaped by the exit observer before Exited completed.
        return await _exited.ConfigureAwait(false);
    }

    /// <summary>Kills the process and its children at once, without grace.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _stopRequested, 1);
        try
        {
            ProcessReaper.KillTagged(ProcessTag);
        }
        finally
        {
            // Cancelling kills the CLI itself, whatever became of its tree.
            _kill.Cancel();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_exited.IsCompleted)
        {
            await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        _kill.Dispose();
    }

    private async Task<bool> WaitExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<CliExit> ObserveExitAsync(CommandTask<CommandResult> task)
    {
        int exitCode;
        try
        {
            exitCode = (await task.ConfigureAwait(false)).ExitCode;
        }
        catch (OperationCanceledException)
        {
            exitCode = 137; // killed by the host (SIGKILL)
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "CLI process {ProcessId} failed", ProcessId);
            _stderrTail.Append(ex.Message);
            exitCode = -1;
        }

        Volatile.Write(ref _exitSeen, true);
        _stdin.Writer.TryComplete();
        _messages.Writer.TryComplete();
        var exit = new CliExit(exitCode, _stderrTail.ToString(), Volatile.Read(ref _stopRequested) == 1);
        foreach (var pending in _pendingControl.Values)
        {
            pending.TrySetException(new InvalidOperationException(exit.Describe()));
        }

        // Children (tools, MCP servers) may outlive the CLI, cleanly exited or crashed; nothing tagged may remain.
        ReapLeftovers();

        _logger.Log(exit.StoppedByHost ? LogLevel.Debug : LogLevel.Warning, "CLI process {ProcessId} ended: {Exit}", ProcessId, exit.Describe());
        return exit;
    }

    // The command ends only once stdout and stderr close, and a child that inherited them (a backgrounded tool, an
    // MCP server) keeps them open after the CLI is gone: its query would wait for output that never ends. So the
    // process's own exit is watched too, and a short while after it the children are killed, which closes them.
    private async Task WatchOrphanedOutputAsync()
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(ProcessId);
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (!await WaitExitAsync(OrphanedOutputGrace).ConfigureAwait(false))
            {
                _logger.LogWarning("CLI process {ProcessId} exited, but a child kept its output open for {Grace}; killing its children", ProcessId, OrphanedOutputGrace);
                ReapLeftovers();
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Gone before it could be watched: the pipes closed with it, or Exited's own reaping follows.
        }
    }

    // Exited must complete whatever the reaping meets: a faulted exit leaves the session's query waiting forever.
    private void ReapLeftovers()
    {
        try
        {
            var leftovers = ProcessReaper.KillTagged(ProcessTag);
            if (leftovers > 0)
            {
                _logger.LogInformation("Killed {Count} leftover child process(es) of CLI process {ProcessId}", leftovers, ProcessId);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Could not kill the leftover child processes of CLI process {ProcessId}", ProcessId);
        }
    }

    private async Task PumpStdinAsync(Stream stdin, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in _stdin.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await stdin.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException ex)
        {
            // The process closed its stdin or died; the exit is reported through Exited.
            _logger.LogDebug(ex, "CLI process {ProcessId} stopped reading stdin", ProcessId);
        }
    }

    private async Task ReadStdoutAsync(Stream stdout, CancellationToken cancellationToken)
    {
        var completed = await LineFramer.ReadLinesAsync(stdout, _options.MaxLineBytes, OnStdoutLine, () => false, cancellationToken).ConfigureAwait(false);
        if (!completed)
        {
            var error = new CliOutputTooLargeException(_options.MaxLineBytes);
            _logger.LogError("CLI process {ProcessId}: {Error}", ProcessId, error.Message);
            _messages.Writer.TryComplete(error);
            Kill();
            return;
        }

        _messages.Writer.TryComplete();
    }

    private ValueTask OnStdoutLine(ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        CliMessage? message;
        string? error;
        if (line.IsSingleSegment)
        {
            CliMessageParser.TryParse(line.FirstSpan, out message, out error);
        }
        else
        {
            var copy = ArrayPool<byte>.Shared.Rent(checked((int)line.Length));
            try
            {
                line.CopyTo(copy);
                CliMessageParser.TryParse(copy.AsSpan(0, (int)line.Length), out message, out error);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }

        if (message is null)
        {
            _logger.LogWarning("CLI process {ProcessId} wrote a line that is not stream-json ({Error}); skipped: {Line}",
                ProcessId, Redact(error ?? ""), Redact(Preview(line))); // the parser's error quotes the line too
            return ValueTask.CompletedTask;
        }

        if (message is ControlResponseMessage response && response.RequestId is { } id && _pendingControl.TryGetValue(id, out var pending))
        {
            pending.TrySetResult(response);
            return ValueTask.CompletedTask;
        }

        if (message is ControlRequestMessage request)
        {
            // The CLI waits for the answer (a permission prompt with --permission-prompt-tool=stdio, an MCP server's
            // question), and nothing here asks a person: refused at once, the turn goes on instead of hanging.
            _logger.LogWarning("CLI process {ProcessId} asked its host '{Subtype}'; refused", ProcessId, request.Subtype);
            _stdin.Writer.TryWrite(CliInput.Refusal(request, $"ClaudeGrains answers no '{request.Subtype}' requests; grant tools with the session's AllowedTools or PermissionMode."));
            return ValueTask.CompletedTask;
        }

        _messages.Writer.TryWrite(message is ResultMessage result ? WithTurnTotals(result) : message);
        return ValueTask.CompletedTask;
    }

    // The CLI reports cost and API time as running totals of the process, so each result's own share is what it adds
    // to the one before: results nobody reads (an interrupted turn drained, a turn the CLI started by itself) count too.
    private ResultMessage WithTurnTotals(ResultMessage result)
    {
        var cost = result.TotalCostUsd >= _costSoFar ? result.TotalCostUsd - _costSoFar : result.TotalCostUsd;
        var apiMilliseconds = result.DurationApiMs >= _apiMillisecondsSoFar ? result.DurationApiMs - _apiMillisecondsSoFar : result.DurationApiMs;
        _costSoFar = result.TotalCostUsd;
        _apiMillisecondsSoFar = result.DurationApiMs;
        return result with { TurnCostUsd = cost, TurnDurationApiMs = apiMilliseconds };
    }

    private async Task ReadStderrAsync(Stream stderr, CancellationToken cancellationToken)
    {
        const int maxStderrLine = 64 * 1024;
        await LineFramer.ReadLinesAsync(stderr, maxStderrLine, line =>
        {
            var text = Redact(Encoding.UTF8.GetString(line));
            _stderrTail.Append(text);
            _logger.LogDebug("CLI {ProcessId} stderr: {Line}", ProcessId, text);
            return ValueTask.CompletedTask;
        }, () =>
        {
            _stderrTail.Append("[stderr line over 64 KiB skipped]");
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    // Stderr reaches logs, error messages and a session's persisted last failure; a CLI printing its environment
    // (a debug setting, a crash dump) must not carry the key there.
    private string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    private static string Preview(ReadOnlySequence<byte> line)
    {
        const int max = 200;
        var text = Encoding.UTF8.GetString(line.Length > max ? line.Slice(0, max) : line);
        return line.Length > max ? text + $"... ({line.Length} bytes)" : text;
    }
}
