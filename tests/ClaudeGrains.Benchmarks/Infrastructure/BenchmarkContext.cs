using System.Globalization;
using ClaudeGrains.Testing;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// What the suites of one run share: paths, a temporary data root, the fake Anthropic API, and a silo running the
/// real CLI that the warm, streaming, resume and throughput suites use in turn. Everything started is stopped at the end.
/// </summary>
internal sealed class BenchmarkContext : IAsyncDisposable
{
    /// <summary>The key the silos give the CLI; the fake API accepts any.</summary>
    private const string ApiKey = "sk-ant-benchmark-not-a-real-key";

    private readonly DirectoryInfo _dataRoot = Directory.CreateTempSubdirectory("claudegrains-bench-");
    private FakeAnthropicApi? _api;
    private SiloCluster? _shared;
    private readonly Lock _abandoning = new();
    private volatile int _abandonedWith;

    public BenchmarkContext(BenchmarkOptions options, string repositoryRoot)
    {
        Options = options;
        Root = repositoryRoot;
        CliPath = Path.Combine(repositoryRoot, "node_modules", ".bin", "claude");
        if (!File.Exists(CliPath))
        {
            throw new InvalidOperationException($"The pinned Claude Code CLI is missing at {CliPath}; run 'npm ci' in {repositoryRoot} first.");
        }
    }

    public BenchmarkOptions Options { get; }

    public string Root { get; }

    public string CliPath { get; }

    public string ResultsDirectory => Options.ResultsDirectory ?? Path.Combine(Root, "tests", "ClaudeGrains.Benchmarks", "results");

    public string DataRoot => _dataRoot.FullName;

    /// <summary>
    /// The exit code <see cref="Abandon"/> was called with, or null. Its clean-up kills the silos under a running suite,
    /// which then fails; that failure is the interrupt's doing, and the run must end as interrupted, not as failed.
    /// </summary>
    public int? AbandonedWith => _abandonedWith == 0 ? null : _abandonedWith;

    /// <summary>The fake Anthropic API, streaming <see cref="BenchmarkOptions.Deltas"/> text deltas per answer.</summary>
    public async Task<FakeAnthropicApi> ApiAsync()
    {
        if (_api is null)
        {
            _api = await FakeAnthropicApi.StartAsync();
            _api.Behavior = new FakeApiBehavior { DeltaCount = Options.Deltas };
            // No suite reads them, and kept requests (each with the whole conversation) grew this process to
            // gigabytes over a full run, its collections taking CPU from whichever side's round was running.
            _api.RecordsRequests = false;
        }

        return _api;
    }

    /// <summary>Silo settings for the real CLI against the fake API, with a data root of its own named <paramref name="name"/>.</summary>
    public async Task<Dictionary<string, string>> RealCliSettingsAsync(string name) => new()
    {
        ["ClaudeGrains:DataRoot"] = Path.Combine(DataRoot, name),
        ["ClaudeGrains:Cli:Path"] = CliPath,
        ["ClaudeGrains:ApiKey"] = ApiKey,
        ["ClaudeGrains:BaseUrl"] = (await ApiAsync()).BaseUrl.ToString().TrimEnd('/'),
        // Room for the throughput suite's sessions on top of the other suites' (the default cap depends on free memory).
        ["ClaudeGrains:Supervision:MaxLiveProcesses"] = (Options.Sessions.Max() + 16).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The silo with the real CLI that several suites share (started on first use).</summary>
    public async Task<SiloCluster> SharedClusterAsync()
    {
        if (_shared is null)
        {
            Progress.Say("Starting the shared silo (real CLI, fake API)");
            _shared = await SiloCluster.StartAsync(Root, await RealCliSettingsAsync("shared"));
        }

        return _shared;
    }

    /// <summary>
    /// Kills everything this run started, removes its data, runs <paramref name="report"/> (what was measured so far)
    /// and exits at once (on Ctrl-C or SIGTERM).
    /// </summary>
    public void Abandon(int exitCode, Action? report = null)
    {
        // A second signal (dotnet run passes Ctrl-C on to a child the terminal signalled too) waits here for the first
        // one's exit: returning would let the runtime end the process under the first one's report.
        lock (_abandoning)
        {
            _abandonedWith = exitCode;
            Console.Error.WriteLine("Interrupted: stopping this run's silos and CLI processes.");
            Leftovers.KillUnder(DataRoot);
            DeleteDataRoot();
            report?.Invoke();
            Environment.Exit(exitCode);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        Leftovers.KillUnder(DataRoot);
        DeleteDataRoot();
    }

    private void DeleteDataRoot()
    {
        try
        {
            _dataRoot.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A process may still be flushing; the temporary directory is left to the OS.
        }
    }
}
