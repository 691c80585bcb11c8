using System.Runtime.InteropServices;
using ClaudeGrains.Benchmarks.Suites;
using ClaudeGrains.Testing;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// One run of the program: the chosen suites in order and their rows reported, in full or, when a suite fails or the
/// run is interrupted, as far as the suites before it got. Returns the exit code the README lists.
/// </summary>
internal sealed class BenchmarkRun
{
    private readonly Lock _lock = new(); // the rows and the suite under way, which an interrupt reads on its own thread
    private readonly List<BenchmarkRow> _rows = [];
    private readonly BenchmarkOptions _options;
    private readonly string _arguments;
    private readonly string _root = RepositoryPaths.Root;
    private readonly string _loadAtStart = MachineDescription.CurrentLoad();
    private string? _running;

    private BenchmarkRun(BenchmarkOptions options, IReadOnlyList<string> args)
    {
        _options = options;
        _arguments = args.Count == 0 ? "all suites" : string.Join(' ', args);
    }

    /// <summary>Runs <paramref name="options"/>' suites, picked from <paramref name="all"/>, as given by <paramref name="args"/>.</summary>
    public static async Task<int> RunAsync(BenchmarkOptions options, IReadOnlyList<string> args, IReadOnlyList<IBenchmarkSuite> all)
    {
        try
        {
            var run = new BenchmarkRun(options, args);
            await using var context = new BenchmarkContext(options, run._root);
            return await run.RunSuitesAsync(context, all);
        }
        catch (Exception ex)
        {
            // Everything the run started is stopped by now (the context is disposed first); the whole exception says
            // which suite and step failed, which a benchmark's user needs more than a short message.
            Console.Error.WriteLine($"The benchmark failed: {ex}");
            return 1;
        }
    }

    private async Task<int> RunSuitesAsync(BenchmarkContext context, IReadOnlyList<IBenchmarkSuite> all)
    {
        CreateResultsDirectory(context.ResultsDirectory);

        // Ctrl-C or a kill must not leave silos and CLIs behind; the clients' hosts would only stop themselves. What
        // the suites before measured is still written, as after a failure: a full run takes minutes.
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => context.Abandon(exitCode: 130, () => SaveInterrupted(context, "SIGINT")));
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => context.Abandon(exitCode: 143, () => SaveInterrupted(context, "SIGTERM")));
        foreach (var name in _options.Suites)
        {
            var suite = all.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"Suite '{name}' is not implemented.");
            Progress.Say($"Suite '{name}'");
            lock (_lock)
            {
                _running = name;
            }

            try
            {
                var measured = await suite.RunAsync(context);
                lock (_lock)
                {
                    _rows.AddRange(measured);
                }
            }
            catch (Exception) when (context.AbandonedWith is { } interrupted)
            {
                // The interrupt's clean-up killed this suite's silo. The signal's thread now reports the suites before
                // and exits with the signal's code; returning at once would end the process before that report is written.
                await Task.Delay(TimeSpan.FromSeconds(30));
                return interrupted;
            }
            catch (Exception ex) when (_rows.Count > 0)
            {
                // What the suites before this one measured is still written, marked incomplete.
                try
                {
                    await ReportAsync(context, _rows, new SuiteFailure(name, ex.Message, NotRunAfter(name)));
                }
                catch (Exception reportError)
                {
                    // The suite's failure is what the run is about; the report's own failure must not take its place.
                    Console.Error.WriteLine($"The rows measured before suite '{name}' could not be saved: {reportError.Message}");
                }

                throw;
            }
        }

        lock (_lock)
        {
            _running = null; // an interrupt from here on leaves the whole report to this thread
        }

        await ReportAsync(context, _rows, failure: null);
        return 0;
    }

    /// <summary>On the signal's thread, once everything the run started is gone.</summary>
    private void SaveInterrupted(BenchmarkContext context, string signal)
    {
        BenchmarkRow[] measured;
        string? suite;
        lock (_lock)
        {
            (measured, suite) = ([.. _rows], _running);
        }

        if (measured.Length == 0 || suite is null)
        {
            return;
        }

        try
        {
            ReportAsync(context, measured, SuiteFailure.ByInterrupt(suite, signal, NotRunAfter(suite))).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"The rows measured before the interrupt could not be saved: {ex.Message}");
        }
    }

    private List<string> NotRunAfter(string suite) => _options.Suites.SkipWhile(s => s != suite).Skip(1).ToList();

    private async Task ReportAsync(BenchmarkContext context, IReadOnlyList<BenchmarkRow> measured, SuiteFailure? failure) => await BenchmarkReport.WriteAsync(
        measured, await MachineDescription.DescribeAsync(_root, context.CliPath, _loadAtStart), _arguments, context.ResultsDirectory, failure);

    /// <summary>Before the suites: a folder that cannot be written must fail the run now, not after minutes of measuring.</summary>
    private static void CreateResultsDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The results folder {path} cannot be created: {ex.Message}", ex);
        }
    }
}
