using System.Diagnostics;
using System.Text;
using ClaudeGrains.Benchmarks.Infrastructure;
using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;

namespace ClaudeGrains.Benchmarks.Raw;

/// <summary>
/// The floor: the CLI driven directly, with nothing in between. Spawn it, write the prompt line, read stdout until
/// the <c>result</c> line. No framework, no parsing beyond finding the line types.
/// </summary>
internal sealed class RawCliDriver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly StreamReader _stdout;
    private readonly StringBuilder _stderrTail = new();

    private RawCliDriver(Process process, long startedAt, string tag)
    {
        _process = process;
        StartedAt = startedAt;
        Tag = tag;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput;
        _process.ErrorDataReceived += (_, e) => KeepStderr(e.Data);
        _process.BeginErrorReadLine();
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp taken just before the process was spawned.</summary>
    public long StartedAt { get; }

    public int ProcessId => _process.Id;

    /// <summary>The process tag (<see cref="ProcessReaper"/>) of this process and its children.</summary>
    public string Tag { get; }

    /// <summary>The conversation, as reported by the last result.</summary>
    public string? SessionId { get; private set; }

    public static RawCliDriver Start(RawCliLaunch launch)
    {
        var startInfo = new ProcessStartInfo(launch.ExecutablePath)
        {
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        startInfo.Environment[ProcessReaper.TagVariable] = launch.Tag;
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {launch.ExecutablePath}.");
        return new RawCliDriver(process, startedAt, launch.Tag);
    }

    /// <summary>
    /// Sends <paramref name="prompt"/> and reads up to its result; times are measured from <paramref name="since"/>
    /// (a <see cref="Stopwatch"/> timestamp), or from just before the prompt is written.
    /// </summary>
    public async Task<TurnTiming> AskAsync(string prompt, long? since = null)
    {
        var start = since ?? Stopwatch.GetTimestamp();
        await _stdin.WriteAsync(CliInput.UserMessage(prompt));
        await _stdin.FlushAsync();
        var firstDelta = double.NaN;
        while (await _stdout.ReadLineAsync() is { } line)
        {
            switch (StreamJsonLine.TypeOf(line))
            {
                case "stream_event" when double.IsNaN(firstDelta) && StreamJsonLine.IsTextDelta(line):
                    firstDelta = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    break;
                case "result":
                    var resultMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    var (sessionId, isError) = StreamJsonLine.ReadResult(line);
                    if (isError)
                    {
                        throw new InvalidOperationException($"The CLI answered with an error: {line}");
                    }

                    SessionId = sessionId ?? SessionId;
                    return new TurnTiming(firstDelta, resultMs);
            }
        }

        await _process.WaitForExitAsync();
        throw new InvalidOperationException($"The CLI exited ({_process.ExitCode}) without a result. Stderr: {StderrTail}");
    }

    /// <summary>
    /// Waits until the CLI answers a <c>get_binary_version</c> control request, which it does once it reads its input
    /// (where the warm pool counts a process as ready), and then <paramref name="warmUp"/> if given (the request a
    /// pool's <c>WarmPool:WarmUp</c> sends), then until it has gone quiet, as the cold suite lets the silos' pooled
    /// processes go quiet before every sample.
    /// </summary>
    public async Task WaitUntilBootedAsync(CliControlRequest? warmUp = null)
    {
        await _stdin.WriteAsync(CliControlRequest.GetBinaryVersion.ToLine("booted"));
        if (warmUp is not null)
        {
            await _stdin.WriteAsync(warmUp.ToLine("warmed"));
        }

        await _stdin.FlushAsync();
        var expected = warmUp is null ? 1 : 2;
        while (await _stdout.ReadLineAsync() is { } line)
        {
            if (StreamJsonLine.TypeOf(line) == "control_response" && --expected == 0)
            {
                await ProcessTree.WaitForQuietAsync(ProcessId);
                return;
            }
        }

        await _process.WaitForExitAsync();
        throw new InvalidOperationException($"The CLI exited ({_process.ExitCode}) while booting. Stderr: {StderrTail}");
    }

    /// <summary>Closes stdin so the CLI writes its transcript and exits, as the sessions stop theirs; kills it after a grace.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _stdin.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Stuck or already gone: what is left of its tree must not outlive the benchmark.
        }

        ProcessReaper.KillTagged(Tag);
        _process.Dispose();
    }

    private string StderrTail
    {
        get
        {
            lock (_stderrTail)
            {
                return _stderrTail.ToString();
            }
        }
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrTail)
        {
            _stderrTail.AppendLine(line);
            if (_stderrTail.Length > 8192)
            {
                _stderrTail.Remove(0, _stderrTail.Length - 4096);
            }
        }
    }
}
