using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClaudeGrains.Benchmarks;

/// <summary>Writes results as a markdown table (stdout and file) and JSON under the git-ignored results folder.</summary>
internal static class BenchmarkReport
{
    public static async Task WriteAsync(IReadOnlyList<BenchmarkRow> rows, string resultsDirectory)
    {
        var stamp = DateTimeOffset.UtcNow;
        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {stamp:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.#} GiB, .NET {Environment.Version}")
            .AppendLine()
            .AppendLine("| suite | measure | value | unit |")
            .AppendLine("| --- | --- | ---: | --- |");
        foreach (var row in rows)
        {
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {row.Suite} | {row.Measure} | {row.Value:N0} | {row.Unit} |");
        }

        Console.WriteLine(markdown);
        Directory.CreateDirectory(resultsDirectory);
        var name = $"{stamp:yyyyMMdd-HHmmss}";
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, name + ".md"), markdown.ToString());
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, name + ".json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Results written to {resultsDirectory}");
    }
}
