using System.Runtime.InteropServices;
using ClaudeGrains.Benchmarks.Infrastructure;
using ClaudeGrains.Benchmarks.Suites;
using ClaudeGrains.Testing;

// dotnet run -c Release --project tests/ClaudeGrains.Benchmarks -- [suite ...] [--quick] [options]; --help lists them.
var options = BenchmarkOptions.Parse(args, out var usageExitCode);
if (options is null)
{
    return usageExitCode;
}

IBenchmarkSuite[] all =
[
    new WarmTurnSuite(),
    new StreamingSuite(),
    new ColdStartSuite(),
    new ResumeSuite(),
    new MemorySuite(),
    new ThroughputSuite(),
    new OrchestrationSuite(),
];

try
{
    var root = RepositoryPaths.Root;
    var loadAtStart = MachineDescription.CurrentLoad();
    var arguments = args.Length == 0 ? "all suites" : string.Join(' ', args);
    var rows = new List<BenchmarkRow>();
    string? running = null; // the suite under way; with rows, under their lock, as an interrupt reads both
    await using var context = new BenchmarkContext(options, root);
    CreateResultsDirectory(context.ResultsDirectory);

    // Ctrl-C or a kill must not leave silos and CLIs behind; the clients' hosts would only stop themselves. What the
    // suites before measured is still written, as after a failure: a full run takes minutes.
    using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => context.Abandon(exitCode: 130, () => SaveInterrupted("SIGINT")));
    using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => context.Abandon(exitCode: 143, () => SaveInterrupted("SIGTERM")));
    foreach (var name in options.Suites)
    {
        var suite = all.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"Suite '{name}' is not implemented.");
        Progress.Say($"Suite '{name}'");
        lock (rows)
        {
            running = name;
        }

        try
        {
            var measured = await suite.RunAsync(context);
            lock (rows)
            {
                rows.AddRange(measured);
            }
        }
        catch (Exception) when (context.AbandonedWith is { } interrupted)
        {
            // The interrupt's clean-up killed this suite's silo. The signal's thread now reports the suites before and
            // exits with the signal's code; returning at once would end the process before that report is written.
            await Task.Delay(TimeSpan.FromSeconds(30));
            return interrupted;
        }
        catch (Exception ex) when (rows.Count > 0)
        {
            // What the suites before this one measured is still written, marked incomplete.
            try
            {
                await ReportAsync(rows, new SuiteFailure(name, ex.Message, NotRunAfter(name)));
            }
            catch (Exception reportError)
            {
                // The suite's failure is what the run is about; the report's own failure must not take its place.
                Console.Error.WriteLine($"The rows measured before suite '{name}' could not be saved: {reportError.Message}");
            }

            throw;
        }
    }

    lock (rows)
    {
        running = null; // an interrupt from here on leaves the whole report to this thread
    }

    await ReportAsync(rows, failure: null);
    return 0;

    IReadOnlyList<string> NotRunAfter(string suite) => options.Suites.SkipWhile(s => s != suite).Skip(1).ToList();

    async Task ReportAsync(IReadOnlyList<BenchmarkRow> measured, SuiteFailure? failure) => await BenchmarkReport.WriteAsync(
        measured, await MachineDescription.DescribeAsync(root, context.CliPath, loadAtStart), arguments, context.ResultsDirectory, failure);

    // On the signal's thread, once everything the run started is gone.
    void SaveInterrupted(string signal)
    {
        BenchmarkRow[] measured;
        string? suite;
        lock (rows)
        {
            (measured, suite) = ([.. rows], running);
        }

        if (measured.Length == 0 || suite is null)
        {
            return;
        }

        try
        {
            ReportAsync(measured, SuiteFailure.ByInterrupt(suite, signal, NotRunAfter(suite))).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"The rows measured before the interrupt could not be saved: {ex.Message}");
        }
    }
}
catch (Exception ex)
{
    // Everything the run started is stopped by now (the context is disposed first); the whole exception says which
    // suite and step failed, which a benchmark's user needs more than a short message.
    Console.Error.WriteLine($"The benchmark failed: {ex}");
    return 1;
}

// Before the suites: a folder that cannot be written must fail the run now, not after minutes of measuring.
static void CreateResultsDirectory(string path)
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
