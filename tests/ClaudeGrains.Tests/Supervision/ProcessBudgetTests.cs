using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Supervision;

/// <summary>The silo never runs more CLI processes than its budget, and idle sessions make room.</summary>
[Collection(BudgetCollection.Name)]
public sealed class ProcessBudgetTests(BudgetCluster cluster)
{
    [Fact]
    public async Task Ten_sessions_all_answer_through_a_budget_of_three_processes()
    {
        var log = Path.Combine(cluster.DataRoot, $"budget-{Guid.NewGuid():N}.log");
        var sessions = Enumerable.Range(0, 10).Select(i => cluster.Session($"budget/{i}/{Guid.NewGuid():N}")).ToList();
        foreach (var session in sessions)
        {
            await session.ConfigureAsync(new SessionOptions { ExtraArgs = [$"--fault-log={log}"] });
        }

        // Two sequential waves: idle sessions are hibernated to make room, and resume their conversation later
        // (the fault CLI keeps the --resume id as its session id).
        var firstRound = new List<ClaudeResult>();
        foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
        {
            firstRound.Add(await session.QueryAsync($"session {i} round 1"));
            Assert.Equal($"session {i} round 1 | turn 1", firstRound[i].Text);
        }

        foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
        {
            var answer = await session.QueryAsync($"session {i} round 2");
            Assert.StartsWith($"session {i} round 2 | ", answer.Text);
            Assert.Equal(firstRound[i].CliSessionId, answer.CliSessionId);
        }

        var statuses = await Task.WhenAll(sessions.Select(s => s.GetStatusAsync()));
        Assert.True(statuses.Count(s => s.ProcessId is not null) <= BudgetCluster.MaxLiveProcesses);
        Assert.True(cluster.LiveCliProcesses().Count <= BudgetCluster.MaxLiveProcesses);
        Assert.InRange(FaultCliLog.MostAliveAtOnce(log), 1, BudgetCluster.MaxLiveProcesses);
    }

    [Fact]
    public async Task Ten_sessions_asking_at_once_wait_their_turn_and_all_answer()
    {
        var log = Path.Combine(cluster.DataRoot, $"concurrent-{Guid.NewGuid():N}.log");
        var sessions = Enumerable.Range(0, 10).Select(i => cluster.Session($"concurrent/{i}/{Guid.NewGuid():N}")).ToList();
        foreach (var session in sessions)
        {
            await session.ConfigureAsync(new SessionOptions { ExtraArgs = [$"--fault-log={log}"] });
        }

        var answers = await Task.WhenAll(sessions.Select((s, i) => s.QueryAsync($"at once {i}")));

        Assert.All(answers.Select((a, i) => (a, i)), x => Assert.Equal($"at once {x.i} | turn 1", x.a.Text));
        Assert.InRange(FaultCliLog.MostAliveAtOnce(log), 1, BudgetCluster.MaxLiveProcesses);
    }

    [Fact]
    public async Task When_every_slot_stays_busy_waiting_starts_time_out_and_overflow_is_refused_at_once()
    {
        var sessions = Enumerable.Range(0, BudgetCluster.MaxLiveProcesses + BudgetCluster.MaxWaitingStarts + 2)
            .Select(i => cluster.Session($"busy/{i}/{Guid.NewGuid():N}")).ToList();

        // Each query holds its slot for about 5 s, longer than the 3 s a start may wait.
        var queries = sessions.Select(s => s.QueryAsync("hold the slot [slow:1000]")).ToList();
        var outcomes = await Task.WhenAll(queries.Select(async q =>
        {
            try
            {
                return (await q).Text;
            }
            catch (ClaudeSessionException ex) when (ex.Code == ClaudeErrorCode.Capacity)
            {
                return "capacity: " + ex.Message;
            }
        }));

        Assert.Equal(BudgetCluster.MaxLiveProcesses, outcomes.Count(o => o.StartsWith("hold the slot", StringComparison.Ordinal)));
        var refused = outcomes.Where(o => o.StartsWith("capacity: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(BudgetCluster.MaxWaitingStarts + 2, refused.Count);
        Assert.All(refused, r => Assert.Contains("MaxLiveProcesses", r));
        Assert.Equal(2, refused.Count(r => r.Contains("already waiting", StringComparison.Ordinal)));
    }
}
