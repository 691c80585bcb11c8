using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaudeGrains.Testing;

namespace ClaudeGrains.Benchmarks.Tests;

/// <summary>
/// Short runs of the warm suite (a silo host, the real CLI on both sides, the fake API): the report agrees with itself,
/// a suite failing after it leaves its rows reported, and nothing the run started outlives it, whether it ends, fails
/// or is interrupted.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class BenchmarkRunTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_run_reports_its_rows_against_the_raw_floor_in_markdown_and_json_and_leaves_nothing_running()
    {
        string[] args = ["warm", "--turns", "3", "--warmup-turns", "1", "--deltas", "20", "--results", "{results}"];
        await using var program = BenchmarkProgram.Start(args);

        Assert.True(await program.ExitCodeAsync(RunTimeout) == 0, program.Error);
        Assert.Empty(program.ProcessesStarted());
        Assert.Empty(program.DataRoots());

        var json = Assert.Single(Directory.GetFiles(program.ResultsDirectory, "*.json"));
        var markdown = Assert.Single(Directory.GetFiles(program.ResultsDirectory, "*.md"));
        Assert.Equal(Path.ChangeExtension(json, null), Path.ChangeExtension(markdown, null));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(string.Join(' ', args).Replace("{results}", program.ResultsDirectory, StringComparison.Ordinal), report.RootElement.GetProperty("arguments").GetString());
        Assert.False(report.RootElement.TryGetProperty("failure", out _));
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Equal("warm", row.GetProperty("suite").GetString()));

        var raw = Row(rows, "raw: prompt to result");
        var session = Row(rows, "QueryAsync (external client): call to result");
        Assert.Equal(3, raw.GetProperty("count").GetInt32());
        Assert.Equal(3, session.GetProperty("count").GetInt32());
        Assert.True(raw.GetProperty("median").GetDouble() > 0);
        var ratio = session.GetProperty("vsRaw").GetDouble();
        Assert.Equal(session.GetProperty("median").GetDouble() / raw.GetProperty("median").GetDouble(), ratio, 1e-9);
        Assert.Equal("<= 1.05 x raw", session.GetProperty("target").GetString());
        Assert.Equal(ratio <= 1.05, session.GetProperty("met").GetBoolean());

        // The markdown file and stdout hold the same table: a line per JSON row, the verdict as in the JSON.
        var lines = (await File.ReadAllLinesAsync(markdown)).Where(line => line.StartsWith("| warm |", StringComparison.Ordinal)).ToList();
        Assert.Equal(rows.Count, lines.Count);
        var sessionLine = Assert.Single(lines, line => line.Contains("| QueryAsync (external client): call to result |", StringComparison.Ordinal));
        Assert.EndsWith(ratio <= 1.05 ? "| <= 1.05 x raw: met |" : "| <= 1.05 x raw: **missed** |", sessionLine);
        Assert.Contains(sessionLine, program.Out);
    }

    [Fact]
    public async Task An_interrupted_run_stops_its_silo_and_every_CLI_before_it_exits_and_reports_the_suites_before()
    {
        await using var program = BenchmarkProgram.Start(
            "warm", "throughput", "memory", "--turns", "2", "--warmup-turns", "1", "--deltas", "20",
            "--sessions", "1", "--throughput-turns", "3", "--rounds", "40", "--results", "{results}");

        // The throughput suite's first progress tick comes after a tenth of its rounds (the warm suite's counts are
        // far smaller): its silo and both sides' CLIs are running then.
        await program.ErrorLineAsync(line => ProgressTick().Match(line) is { Success: true } tick && int.Parse(tick.Groups[1].Value, CultureInfo.InvariantCulture) >= 40)
            .WaitAsync(RunTimeout);
        var running = program.ProcessesStarted();
        ProcessSignals.Interrupt(program.ProcessId);

        Assert.Equal(130, await program.ExitCodeAsync(RunTimeout));
        Assert.Contains(running, process => process.Contains("ClaudeGrains.Silo.dll", StringComparison.Ordinal));
        Assert.True(running.Count(process => process.Contains("claude", StringComparison.Ordinal) && !process.Contains("ClaudeGrains", StringComparison.Ordinal)) >= 2, string.Join(Environment.NewLine, running));
        Assert.Contains("Interrupted: stopping this run's silos and CLI processes.", program.Error);
        Assert.Empty(program.ProcessesStarted());
        Assert.Empty(program.DataRoots());

        var json = Assert.Single(Directory.GetFiles(program.ResultsDirectory, "*.json"));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var failure = report.RootElement.GetProperty("failure");
        Assert.Equal("throughput", failure.GetProperty("suite").GetString());
        Assert.Equal("SIGINT", failure.GetProperty("error").GetString());
        Assert.True(failure.GetProperty("interrupted").GetBoolean());
        Assert.Equal(["memory"], failure.GetProperty("notRun").EnumerateArray().Select(suite => suite.GetString()));
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Equal("warm", row.GetProperty("suite").GetString()));
        Assert.Equal(2, Row(rows, "QueryAsync (external client): call to result").GetProperty("count").GetInt32());
        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(json, ".md"));
        Assert.Contains("**Incomplete:** interrupted by SIGINT during suite 'throughput'; not run: memory.", markdown);
    }

    [Fact]
    public async Task A_suite_that_fails_after_another_has_run_still_reports_the_rows_measured_before_it_marked_incomplete()
    {
        using var compiler = await FailingCompiler.CreateAsync();
        await using var program = BenchmarkProgram.StartWith(
            compiler.Environment,
            "warm", "orchestration", "memory", "--turns", "3", "--warmup-turns", "1", "--deltas", "20", "--results", "{results}");

        Assert.True(await program.ExitCodeAsync(RunTimeout) == 1, program.Error);
        Assert.Contains($"The benchmark failed: System.InvalidOperationException: {FailingCompiler.SuiteError}", program.Error);
        Assert.DoesNotContain("Suite 'memory'", program.Error);
        Assert.Empty(program.ProcessesStarted());
        Assert.Empty(program.DataRoots());

        var json = Assert.Single(Directory.GetFiles(program.ResultsDirectory, "*.json"));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var failure = report.RootElement.GetProperty("failure");
        Assert.Equal("orchestration", failure.GetProperty("suite").GetString());
        Assert.StartsWith(FailingCompiler.SuiteError, failure.GetProperty("error").GetString());
        Assert.Equal(["memory"], failure.GetProperty("notRun").EnumerateArray().Select(suite => suite.GetString()));
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Equal("warm", row.GetProperty("suite").GetString()));
        Assert.Equal(3, Row(rows, "QueryAsync (external client): call to result").GetProperty("count").GetInt32());

        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(json, ".md"));
        Assert.Contains($"**Incomplete:** suite 'orchestration' failed ({FailingCompiler.SuiteError}); not run: memory.", markdown);
        Assert.Equal(rows.Count, markdown.Split('\n').Count(line => line.StartsWith("| warm |", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_partial_report_that_cannot_be_saved_does_not_hide_why_the_suite_failed()
    {
        // The failing compiler first puts a file where the results folder was, so the rows measured before cannot be saved.
        using var compiler = await FailingCompiler.CreateAsync(folder => $"rm -rf '{folder}/results' && touch '{folder}/results'");
        var results = Path.Combine(compiler.Folder, "results");
        await using var program = BenchmarkProgram.StartWith(
            compiler.Environment,
            "warm", "orchestration", "--turns", "1", "--warmup-turns", "1", "--deltas", "20", "--results", results);

        Assert.True(await program.ExitCodeAsync(RunTimeout) == 1, program.Error);
        Assert.Contains("The rows measured before suite 'orchestration' could not be saved: ", program.Error);
        Assert.Contains($"The benchmark failed: System.InvalidOperationException: {FailingCompiler.SuiteError}", program.Error);
        Assert.Contains("| warm | QueryAsync (external client): call to result | 1 |", program.Out);
        Assert.True(File.Exists(results));
        Assert.Empty(program.ProcessesStarted());
    }

    private static JsonElement Row(List<JsonElement> rows, string measure) =>
        Assert.Single(rows, row => row.GetProperty("measure").GetString() == measure);

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d\]   \d+/(\d+)$")]
    private static partial Regex ProgressTick();
}
