using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Processes;

/// <summary>
/// A CLI that refuses the warm-up (one that does not know <c>get_context_usage</c>) still fills the pool, and the log
/// says so once rather than once per process.
/// </summary>
[Collection(RefusedWarmUpPoolCollection.Name)]
public sealed class WarmPoolRefusedWarmUpTests(RefusedWarmUpPoolCluster cluster) : IAsyncLifetime
{
    private const string Refused = "refused the warm-up";

    private readonly PoolTestSessions _sessions = new(cluster);

    public async Task InitializeAsync() => await cluster.FullPoolAsync();

    public Task DisposeAsync() => _sessions.TerminateAllAsync();

    [Fact]
    public async Task Refused_warm_ups_leave_the_processes_ready_for_sessions_and_are_warned_of_once()
    {
        var pool = cluster.Pool.Status;
        var session = await _sessions.NewAsync("refused/own", WarmPoolCluster.Matching("You are the unwarmed reviewer.") with { ExtraArgs = [RefusedWarmUpPoolCluster.RefuseWarmUp] });

        var answer = await session.QueryAsync("unwarmed hello");
        var taken = (await session.GetStatusAsync()).ProcessId!.Value;
        var refilled = await cluster.PoolAsync(s => s.ReadyProcessIds.Count == WarmPoolCluster.PoolSize && !s.ReadyProcessIds.Contains(taken));

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains(taken, pool.ReadyProcessIds);
        var everyProcess = pool.ReadyProcessIds.Union(refilled.ReadyProcessIds).ToList();
        Assert.Equal(WarmPoolCluster.PoolSize + 1, everyProcess.Count);
        var refusals = cluster.Logs.Lines.Where(line => line.Contains(Refused, StringComparison.Ordinal)).ToList();
        Assert.All(everyProcess, pid => Assert.Contains(refusals, line => line.Contains($"CLI process {pid} {Refused}", StringComparison.Ordinal)));
        Assert.Single(refusals, line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Equal(everyProcess.Count - 1, refusals.Count(line => line.StartsWith("Debug", StringComparison.Ordinal)));
        Assert.DoesNotContain(cluster.Logs.Lines, line => line.Contains("warmed up in", StringComparison.Ordinal));
    }
}
