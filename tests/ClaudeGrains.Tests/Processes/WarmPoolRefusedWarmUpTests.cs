using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Processes;

/// <summary>
/// A CLI that refuses the warm-up (one that does not know <c>get_context_usage</c>) still fills the pool, and the log
/// says so once rather than once per process, and once more only after a warm-up has succeeded in between.
/// </summary>
[Collection(RefusedWarmUpPoolCollection.Name)]
public sealed class WarmPoolRefusedWarmUpTests(RefusedWarmUpPoolCluster cluster) : IAsyncLifetime
{
    private const string Refused = "refused the warm-up";

    private readonly PoolTestSessions _sessions = new(cluster);

    public async Task InitializeAsync() => await cluster.FullPoolAsync();

    public Task DisposeAsync() => _sessions.TerminateAllAsync();

    [Fact]
    public async Task Refused_warm_ups_leave_the_processes_ready_and_are_warned_of_once_until_a_warm_up_succeeds()
    {
        var first = cluster.Pool.Status;
        var refilled = await TakePooledProcessAsync("refused/first");

        var everyProcess = first.ReadyProcessIds.Union(refilled.ReadyProcessIds).ToList();
        Assert.Equal(WarmPoolCluster.PoolSize + 1, everyProcess.Count);
        Assert.All(everyProcess, pid => Assert.Contains(Refusals(), line => line.Contains($"CLI process {pid} {Refused}", StringComparison.Ordinal)));
        Assert.Single(Refusals(), line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Equal(everyProcess.Count - 1, Refusals().Count(line => line.StartsWith("Debug", StringComparison.Ordinal)));
        Assert.DoesNotContain(cluster.Logs.Lines, line => line.Contains("warmed up in", StringComparison.Ordinal));

        cluster.RefuseWarmUps(false);
        var warmed = await TakePooledProcessAsync("refused/accepted");
        cluster.RefuseWarmUps(true);
        var refusedAgain = await TakePooledProcessAsync("refused/again");

        var warmedUp = Assert.Single(warmed.ReadyProcessIds.Except(refilled.ReadyProcessIds));
        var warnedAgain = Assert.Single(refusedAgain.ReadyProcessIds.Except(warmed.ReadyProcessIds));
        Assert.Contains(cluster.Logs.Lines, line => line.Contains($"CLI process {warmedUp} is ready, warmed up in", StringComparison.Ordinal));
        Assert.DoesNotContain(Refusals(), line => line.Contains($"CLI process {warmedUp} ", StringComparison.Ordinal));
        Assert.Contains(Refusals(), line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains($"CLI process {warnedAgain} {Refused}", StringComparison.Ordinal));
        Assert.Equal(2, Refusals().Count(line => line.StartsWith("Warning", StringComparison.Ordinal)));
    }

    private List<string> Refusals() => cluster.Logs.Lines.Where(line => line.Contains(Refused, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// A new matching session answers from a pooled process; returns the pool once that process's replacement is ready.
    /// The session is then terminated, so the budget has room for the next replacement.
    /// </summary>
    private async Task<WarmPoolStatus> TakePooledProcessAsync(string prefix)
    {
        var pool = cluster.Pool.Status;
        var session = await _sessions.NewAsync(prefix, WarmPoolCluster.Matching($"You are the {prefix} reviewer.") with { ExtraArgs = [.. cluster.ProfileArgs] });

        var answer = await session.QueryAsync($"{prefix} hello");
        var taken = (await session.GetStatusAsync()).ProcessId!.Value;
        var refilled = await cluster.PoolAsync(s => s.ReadyProcessIds.Count == WarmPoolCluster.PoolSize && !s.ReadyProcessIds.Contains(taken));
        await cluster.Manager.TerminateSessionAsync(session.GetPrimaryKeyString());

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains(taken, pool.ReadyProcessIds);
        return refilled;
    }
}
