using ClaudeGrains.Benchmarks;

// dotnet run -c Release --project tests/ClaudeGrains.Benchmarks -- [memory] [--hibernated N] [--live N]
var suites = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).DefaultIfEmpty("memory").ToList();
int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).Select(v => int.TryParse(v, out var n) ? n : fallback).FirstOrDefault(fallback);

var root = RepositoryRoot.Find();
var rows = new List<BenchmarkRow>();
foreach (var suite in suites)
{
    rows.AddRange(suite switch
    {
        "memory" => await MemorySuite.RunAsync(Path.Combine(root, "tests", "fault-cli", "fault-cli.mjs"), Option("--hibernated", 10_000), Option("--live", 10)),
        _ => throw new ArgumentException($"Unknown suite '{suite}'. Known: memory."),
    });
}

await BenchmarkReport.WriteAsync(rows, Path.Combine(root, "tests", "ClaudeGrains.Benchmarks", "results"));
