using System.Globalization;
using System.Text.RegularExpressions;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Processes;

/// <summary>
/// The pool replaces processes that fail to start or die young with a backoff that doubles with each failure in a
/// row, so a broken CLI does not spin; once mended and <c>MaxBackoff</c> has passed without a failure, it refills at
/// once again instead of waiting out the old failures' backoff.
/// </summary>
[Collection(BreakableCliPoolCollection.Name)]
public sealed partial class WarmPoolBackoffTests(BreakableCliPoolCluster cluster)
{
    private const string Waiting = "before starting another CLI process after";

    [Fact]
    public async Task A_broken_CLI_is_retried_with_a_doubling_backoff_that_ends_once_the_longest_backoff_passes_without_a_failure()
    {
        // Broken since the cluster started: every pooled process exits as it starts.
        await cluster.Logs.WaitForLineAsync(line => line.Contains($"{Waiting} 3 failure(s)", StringComparison.Ordinal));
        cluster.BreakCli(false);
        var mended = await cluster.FullPoolAsync();
        var streak = Backoffs().Max(b => b.Failures); // more than 3 when a start raced the switch

        // A process that boots and then dies young goes on with the row. The newer of the two is the younger.
        var (old, young) = (mended.ReadyProcessIds[0], mended.ReadyProcessIds[1]);
        var skip = cluster.Logs.Count;
        Kill(young);
        await cluster.Logs.WaitForLineAsync(line => line.Contains($"{Waiting} {streak + 1} failure(s)", StringComparison.Ordinal), skip);
        await cluster.PoolAsync(s => s.ReadyProcessIds.Count == WarmPoolCluster.PoolSize && !s.ReadyProcessIds.Contains(young));

        // The behaviour under test is defined by time passing without a failure; there is no event to await instead.
        await Task.Delay(BreakableCliPoolCluster.MaxBackoff);
        skip = cluster.Logs.Count;
        Kill(old);
        var refilled = await cluster.PoolAsync(s => s.ReadyProcessIds.Count == WarmPoolCluster.PoolSize && !s.ReadyProcessIds.Contains(old));
        var sinceOldDied = cluster.Logs.Lines.Skip(skip).ToList();

        Assert.True(streak >= 3, $"the backoff log stopped at {streak} failure(s)");
        // The pool starts its first processes together, so they may all have died before it looked: the row of counts
        // may begin above 1, and goes on one by one from there.
        var counts = Backoffs().Select(b => b.Failures).Distinct().Order().ToList();
        Assert.InRange(counts[0], 1, WarmPoolCluster.PoolSize);
        Assert.Equal(Enumerable.Range(counts[0], streak + 2 - counts[0]), counts);
        Assert.All(Backoffs(), b => Assert.Equal(Expected(b.Failures), b.Delay));
        Assert.Contains(sinceOldDied, line => line.Contains($"CLI process {old} died while waiting", StringComparison.Ordinal));
        Assert.DoesNotContain(sinceOldDied, line => line.Contains(Waiting, StringComparison.Ordinal));
        Assert.Equal(refilled.ReadyProcessIds.Order(), cluster.LiveCliRootProcesses().Order());
    }

    private static TimeSpan Expected(int failures)
    {
        var doubled = BreakableCliPoolCluster.InitialBackoff * Math.Pow(2, failures - 1);
        return doubled < BreakableCliPoolCluster.MaxBackoff ? doubled : BreakableCliPoolCluster.MaxBackoff;
    }

    private List<(TimeSpan Delay, int Failures)> Backoffs() =>
        cluster.Logs.Lines.Select(line => BackoffLine().Match(line)).Where(m => m.Success)
            .Select(m => (TimeSpan.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();

    private static void Kill(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        process.Kill();
    }

    [GeneratedRegex(@"waiting (\S+) before starting another CLI process after (\d+) failure\(s\)")]
    private static partial Regex BackoffLine();
}
