using System.Globalization;
using ClaudeGrains.Benchmarks.Infrastructure;
using ClaudeGrains.Benchmarks.Responder;

namespace ClaudeGrains.Benchmarks.Suites;

/// <summary>
/// Suite "orchestration": ClaudeGrains's own cost with the CLI taken out. A thousand sessions on one silo, each with a
/// native instant responder as its "CLI" (see <see cref="InstantResponder"/>), all asking at once; queries per second
/// through the silo, against as many responders driven directly.
/// </summary>
internal sealed class OrchestrationSuite : IBenchmarkSuite
{
    public string Name => "orchestration";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context)
    {
        var count = context.Options.Responders;
        var queries = context.Options.Queries;
        var settings = new Dictionary<string, string>
        {
            ["ClaudeGrains:DataRoot"] = Path.Combine(context.DataRoot, "orchestration"),
            ["ClaudeGrains:Cli:Path"] = await InstantResponder.BuildAsync(Path.Combine(context.DataRoot, "responder")),
            ["ClaudeGrains:ApiKey"] = "",
            // The default cap (free memory / 300 MB) is sized for real CLIs; a responder takes a few hundred KB.
            ["ClaudeGrains:Supervision:MaxLiveProcesses"] = (count + 16).ToString(CultureInfo.InvariantCulture),
        };
        Progress.Say("Starting the orchestration silo (instant responder)");
        await using var cluster = await SiloCluster.StartAsync(context.Root, settings);
        var rounds = await FleetComparison.RunAsync(cluster, $"orchestration/{Guid.NewGuid():N}", count, queries, context.Options.OrchestrationRounds);
        var raw = rounds[FleetComparison.Raw];
        var sessions = rounds[FleetComparison.Sessions];
        var rawRate = Summary.Of(raw.Select(r => r.PerSecond));
        var rawLatency = Summary.Of(raw.SelectMany(r => r.LatenciesMs));
        return
        [
            BenchmarkRow.Of(Name, $"raw: {count:N0} responders driven directly x {queries}: queries/s", rawRate, "queries/s"),
            BenchmarkRow.Of(Name, $"{count:N0} sessions on one silo x {queries}: queries/s", Summary.Of(sessions.Select(r => r.PerSecond)), "queries/s")
                .ComparedWith(rawRate).AtLeast(5_000),
            BenchmarkRow.Of(Name, "raw: query latency", rawLatency),
            BenchmarkRow.Of(Name, "sessions: query latency", Summary.Of(sessions.SelectMany(r => r.LatenciesMs))).ComparedWith(rawLatency),
        ];
    }
}
