using System.Diagnostics;
using System.Text;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Testing;

namespace ClaudeGrains.Benchmarks.Tests;

/// <summary>
/// The benchmark program run as its users run it: a process started from the repository root, with a temporary
/// folder of its own as <c>TMPDIR</c> (where a run keeps its data root) and for its results, and a marker in its
/// environment that every process it starts (silos, CLIs) inherits, so a test can find what it left running.
/// </summary>
internal sealed class BenchmarkProgram : IAsyncDisposable
{
    private const string MarkerVariable = "CLAUDEGRAINS_BENCHMARK_TEST_RUN";

    private readonly Process _process;
    private readonly string _runId = Guid.NewGuid().ToString("N");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("claudegrains-bench-test-");
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource Seen)> _awaitedLines = [];

    private BenchmarkProgram(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        // env execs dotnet in its place (same pid) with SIGINT at its default, as in a terminal: a test run started in
        // the background of a script inherits SIGINT ignored, and .NET keeps a signal ignored that it inherited so,
        // so the program would not hear the interrupt a test sends it.
        var startInfo = new ProcessStartInfo("env")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--default-signal=INT");
        startInfo.ArgumentList.Add("dotnet");
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "ClaudeGrains.Benchmarks", "bin", Configuration, "net10.0", "ClaudeGrains.Benchmarks.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg.Replace("{results}", ResultsDirectory, StringComparison.Ordinal));
        }

        var temporary = Directory.CreateDirectory(Path.Combine(_folder.FullName, "tmp")).FullName;
        startInfo.Environment["TMPDIR"] = temporary;
        startInfo.Environment[MarkerVariable] = _runId;
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        TemporaryDirectory = temporary;

        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data, awaited: false);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data, awaited: true);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where <c>{results}</c> in the arguments points: a folder that does not exist until the program writes it.</summary>
    public string ResultsDirectory => Path.Combine(_folder.FullName, "results");

    /// <summary>The program's <c>TMPDIR</c>.</summary>
    public string TemporaryDirectory { get; }

    public int ProcessId => _process.Id;

    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    // Tests and benchmark are built in the same configuration: .../bin/<Configuration>/net10.0/
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>Starts <c>ClaudeGrains.Benchmarks</c> with <paramref name="args"/>.</summary>
    public static BenchmarkProgram Start(params string[] args) => new(args, new Dictionary<string, string>());

    /// <summary>Starts <c>ClaudeGrains.Benchmarks</c> with <paramref name="args"/> and these variables set in its environment.</summary>
    public static BenchmarkProgram StartWith(IReadOnlyDictionary<string, string> environment, params string[] args) => new(args, environment);

    /// <summary>Waits for the program to exit (at most <paramref name="timeout"/>) and for its output to be read.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The benchmark did not exit within {timeout}. Its stderr:{Environment.NewLine}{Error}");
        }

        return _process.ExitCode;
    }

    /// <summary>Completes when the program writes a progress line (stderr) that <paramref name="matches"/>.</summary>
    public Task ErrorLineAsync(Func<string, bool> matches)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_error)
        {
            if (_error.ToString().Split('\n').Any(line => matches(line.TrimEnd('\r'))))
            {
                seen.SetResult();
            }
            else
            {
                _awaitedLines.Add((matches, seen));
            }
        }

        return seen.Task;
    }

    /// <summary>The data roots of the program's runs left in its <c>TMPDIR</c> (the CLI keeps a folder of its own there too).</summary>
    public string[] DataRoots() => Directory.GetDirectories(TemporaryDirectory, "claudegrains-bench-*");

    /// <summary>
    /// The live processes the program started, directly or not (those with its marker in their environment; a
    /// zombie's environment reads empty), the program itself excluded: each as its id and command line.
    /// </summary>
    public IReadOnlyList<string> ProcessesStarted() => MarkedProcesses().Select(p => $"{p.Id} {p.CommandLine}").ToList();

    /// <summary>Kills whatever a failed test left running and removes the temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        ProcessReaper.Kill(MarkedProcessIds());

        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold a file; the folder is under the system's temporary directory.
        }
    }

    private IEnumerable<int> MarkedProcessIds() =>
        ProcessReaper.FindByEnvironment(MarkerVariable, _runId).Where(pid => pid != _process.Id);

    private List<(int Id, string CommandLine)> MarkedProcesses()
    {
        var found = new List<(int, string)>();
        foreach (var pid in MarkedProcessIds())
        {
            try
            {
                found.Add((pid, File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    private void Append(StringBuilder output, string? line, bool awaited)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (!awaited)
            {
                return;
            }

            foreach (var waiter in _awaitedLines.Where(w => w.Matches(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _awaitedLines.Remove(waiter);
            }
        }
    }
}
