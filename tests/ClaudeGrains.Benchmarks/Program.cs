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
    await using var context = new BenchmarkContext(options, root);
    CreateResultsDirectory(context.ResultsDirectory);

    // Ctrl-C or a kill must not leave silos and CLIs behind; the clients' hosts would only stop themselves.
    using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => context.Abandon(exitCode: 130));
    using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => context.Abandon(exitCode: 143));
    foreach (var name in options.Suites)
    {
        var suite = all.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"Suite '{name}' is not implemented.");
        Progress.Say($"Suite '{name}'");
        try
        {
            rows.AddRange(await suite.RunAsync(context));
        }
        catch (Exception) when (context.AbandonedWith is { } interrupted)
        {
            // The interrupt's clean-up killed this suite's silo: no report, and the interrupt's exit code.
            return interrupted;
        }
        catch (Exception ex) when (rows.Count > 0)
        {
            // A full run takes minutes: what the suites before this one measured is still written, marked incomplete.
            try
            {
                await ReportAsync(new SuiteFailure(name, ex.Message, options.Suites.SkipWhile(s => s != name).Skip(1).ToList()));
            }
            catch (Exception reportError)
            {
                // The suite's failure is what the run is about; the report's own failure must not take its place.
                Console.Error.WriteLine($"The rows measured before suite '{name}' could not be saved: {reportError.Message}");
            }

            throw;
        }
    }

    await ReportAsync(failure: null);
    return 0;

    async Task ReportAsync(SuiteFailure? failure) => await BenchmarkReport.WriteAsync(
        rows, await MachineDescription.DescribeAsync(root, context.CliPath, loadAtStart), arguments, context.ResultsDirectory, failure);
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
