using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>Writes results as a markdown table (stdout and file) and JSON under the git-ignored results folder.</summary>
internal static class BenchmarkReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes <paramref name="rows"/>; with a <paramref name="failure"/>, the report says which suites are missing and why.</summary>
    public static async Task WriteAsync(IReadOnlyList<BenchmarkRow> rows, MachineDescription machine, string arguments, string resultsDirectory, SuiteFailure? failure = null)
    {
        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {machine.Date:yyyy-MM-dd} on {machine}")
            .AppendLine(CultureInfo.InvariantCulture, $"(`{arguments}`; ClaudeGrains {machine.Commit}, Claude Code CLI {machine.CliVersion}; load average {machine.LoadAverage})")
            .AppendLine();
        if (failure is not null)
        {
            markdown.AppendLine(failure.Describe()).AppendLine();
        }

        markdown
            .AppendLine("| suite | measure | n | median | p90 | p99 | unit | vs raw | target |")
            .AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- |");
        foreach (var row in rows)
        {
            markdown.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Suite} | {row.Measure} | {row.Count} | {Format(row.Median)} | {Format(row.P90)} | {Format(row.P99)} | {row.Unit} | {Ratio(row.VsRaw)} | {Target(row)} |");
        }

        Console.WriteLine(markdown);
        Directory.CreateDirectory(resultsDirectory);
        var name = $"{machine.Date:yyyyMMdd-HHmmss}";
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, name + ".md"), markdown.ToString());
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, name + ".json"),
            JsonSerializer.Serialize(new { machine, arguments, failure, rows }, Json));
        Console.Error.WriteLine($"Results written to {Path.Combine(resultsDirectory, name)}.md and .json");
    }

    private static string Format(double? value) => value switch
    {
        null => "",
        >= 100 or <= -100 => value.Value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 or <= -10 => value.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "";

    private static string Target(BenchmarkRow row) => row.Target is null ? "" : $"{row.Target}: {(row.Met == true ? "met" : "**missed**")}";
}
