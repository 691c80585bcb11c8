namespace ClaudeGrains.Benchmarks.Tests;

/// <summary>The benchmark's command line: help, and wrong arguments or a results folder it cannot write refused before anything starts.</summary>
public sealed class BenchmarkCommandLineTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_lists_the_suites_and_options_on_stdout_and_exits_zero()
    {
        await using var program = BenchmarkProgram.Start("--help");

        Assert.Equal(0, await program.ExitCodeAsync(ExitTimeout));
        Assert.Contains("suites: warm streaming cold resume memory throughput orchestration", program.Out);
        Assert.Contains("--results DIR", program.Out);
        Assert.Equal("", program.Error);
    }

    [Theory]
    [InlineData("Unknown argument 'warmth'.", "warmth")]
    [InlineData("--turns needs a value.", "warm", "--turns")]
    [InlineData("--turns takes a whole number of at least 1, not 'abc'.", "warm", "--turns", "abc")]
    [InlineData("--turns takes a whole number of at least 1, not '0'.", "--turns", "0", "warm")]
    [InlineData("--warmup-turns takes a whole number of at least 0, not '-1'.", "--warmup-turns", "-1")]
    [InlineData("--sessions takes whole numbers of at least 1, separated by commas, not '8,x'.", "throughput", "--sessions", "8,x")]
    [InlineData("--results takes a folder, not ''.", "warm", "--results", "")]
    public async Task A_wrong_argument_is_named_and_exits_2_before_anything_runs(string problem, params string[] args)
    {
        await using var program = BenchmarkProgram.Start(["--results", "{results}", .. args]);

        Assert.Equal(2, await program.ExitCodeAsync(ExitTimeout));
        Assert.StartsWith(problem + Environment.NewLine, program.Error);
        Assert.Contains("suites: warm streaming", program.Error);
        Assert.Equal("", program.Out);
        Assert.False(Directory.Exists(program.ResultsDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(program.TemporaryDirectory));
    }

    [Fact]
    public async Task A_results_folder_that_cannot_be_created_fails_the_run_before_any_suite_starts()
    {
        await using var program = BenchmarkProgram.Start("warm", "--results", "/dev/null/results");

        Assert.Equal(1, await program.ExitCodeAsync(ExitTimeout));
        Assert.Contains("The results folder /dev/null/results cannot be created", program.Error);
        Assert.DoesNotContain("Suite 'warm'", program.Error);
        Assert.Empty(program.ProcessesStarted());
        Assert.Empty(program.DataRoots());
    }
}
