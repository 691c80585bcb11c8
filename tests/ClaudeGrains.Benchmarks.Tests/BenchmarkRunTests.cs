using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClaudeGrains.Benchmarks.Tests;

/// <summary>
/// Short runs of the warm suite (a silo host, the real CLI on both sides, the fake API): the report agrees with itself,
/// and nothing the run started outlives it, whether it ends or is interrupted.
/// </summary>
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
    public async Task An_interrupted_run_stops_its_silo_and_every_CLI_before_it_exits()
    {
        await using var program = BenchmarkProgram.Start("warm", "--turns", "1000", "--warmup-turns", "10", "--deltas", "20", "--results", "{results}");

        // The first progress tick comes after a tenth of the turns: the silo and both sides' CLIs are running then.
        await program.ErrorLineAsync(line => ProgressTick().IsMatch(line)).WaitAsync(RunTimeout);
        var running = program.ProcessesStarted();
        ClaudeGrains.Testing.ProcessSignals.Interrupt(program.ProcessId);

        Assert.Equal(130, await program.ExitCodeAsync(RunTimeout));
        Assert.Contains(running, process => process.Contains("ClaudeGrains.Silo.dll", StringComparison.Ordinal));
        Assert.True(running.Count(process => process.Contains("claude", StringComparison.Ordinal) && !process.Contains("ClaudeGrains", StringComparison.Ordinal)) >= 2, string.Join(Environment.NewLine, running));
        Assert.Contains("Interrupted: stopping this run's silos and CLI processes.", program.Error);
        Assert.Empty(program.ProcessesStarted());
        Assert.Empty(program.DataRoots());
        Assert.Empty(Directory.EnumerateFiles(program.ResultsDirectory));
    }

    private static JsonElement Row(List<JsonElement> rows, string measure) =>
        Assert.Single(rows, row => row.GetProperty("measure").GetString() == measure);

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d\]   \d+/\d+$")]
    private static partial Regex ProgressTick();
}
