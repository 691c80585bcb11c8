using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ClaudeGrains.Cli.Discovery;

namespace ClaudeGrains.Testing.Tests;

/// <summary>
/// The real Claude Code CLI in stream-json mode, pointed at a <see cref="FakeAnthropicApi"/>, with its own
/// throw-away config and working directories so runs never see the developer's settings or each other.
/// </summary>
internal sealed class RawCliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _scratchDirectory;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;

    private RawCliProcess(Process process, string scratchDirectory)
    {
        _process = process;
        _scratchDirectory = scratchDirectory;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        _stdoutPump = PumpStdoutAsync();
    }

    /// <summary>Everything the CLI wrote to stderr so far, for failure messages.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static RawCliProcess Start(Uri fakeBaseUrl, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var scratch = Directory.CreateTempSubdirectory("claudegrains-cli-").FullName;
        var configDirectory = Directory.CreateDirectory(Path.Combine(scratch, "config")).FullName;
        var workDirectory = Directory.CreateDirectory(Path.Combine(scratch, "work")).FullName;
        var startInfo = new ProcessStartInfo(ClaudeCliLocator.Locate(Environment.GetEnvironmentVariable("CLAUDE_CLI_PATH")))
        {
            WorkingDirectory = workDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[]
                 {
                     "-p", "--input-format", "stream-json", "--output-format", "stream-json",
                     "--verbose", "--include-partial-messages",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Tests may themselves run inside Claude Code or with real credentials around; none of that may leak in.
        foreach (var name in startInfo.Environment.Keys.ToList())
        {
            if (name == "CLAUDECODE" || name.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || name.StartsWith("CLAUDE_CODE_", StringComparison.Ordinal))
            {
                startInfo.Environment.Remove(name);
            }
        }

        startInfo.Environment["ANTHROPIC_BASE_URL"] = fakeBaseUrl.ToString().TrimEnd('/');
        startInfo.Environment["ANTHROPIC_API_KEY"] = "sk-test-not-real";
        startInfo.Environment["CLAUDE_CONFIG_DIR"] = configDirectory;
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        return new RawCliProcess(process, scratch);
    }

    public async Task SendUserMessageAsync(string text)
    {
        var line = JsonSerializer.Serialize(new { type = "user", message = new { role = "user", content = text } });
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Every stdout line up to and including the next <c>{"type":"result"}</c> line.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadUntilResultAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var lines = new List<JsonElement>();
        try
        {
            while (true)
            {
                var text = await _stdoutLines.Reader.ReadAsync(deadline.Token);
                using var document = JsonDocument.Parse(text);
                var line = document.RootElement.Clone();
                lines.Add(line);
                if (line.GetProperty("type").GetString() == "result")
                {
                    return lines;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            var reason = exception is OperationCanceledException ? $"within {timeout}" : "before stdout closed";
            throw new TimeoutException(
                $"The CLI wrote no result line {reason}. Types seen: {string.Join(", ", lines.Select(Describe))}. Stderr: {Stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _stdoutPump;
        _process.Dispose();
        try
        {
            Directory.Delete(_scratchDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling child may still hold a file; the temp directory is only litter then.
        }
    }

    private static string Describe(JsonElement line)
    {
        var type = line.GetProperty("type").GetString();
        return line.TryGetProperty("subtype", out var subtype) ? $"{type}/{subtype.GetString()}" : type ?? "?";
    }

    private async Task PumpStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                _stdoutLines.Writer.TryWrite(line);
            }
        }

        _stdoutLines.Writer.TryComplete();
    }
}
