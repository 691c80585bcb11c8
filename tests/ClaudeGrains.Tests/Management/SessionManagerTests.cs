using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Management;

/// <summary>Every manager operation, across two silos, with the real CLI.</summary>
[Collection(TwoSiloCollection.Name)]
public sealed class SessionManagerTests(TwoSiloCluster cluster)
{
    /// <summary>How many sessions the spread test may start before it calls the placement one-sided.</summary>
    private const int MaxSpreadSessions = 256;

    private IClaudeSessionManagerGrain Manager => cluster.Manager;

    private async Task<SessionInfo?> FindAsync(string name) =>
        (await Manager.ListSessionsAsync(new SessionFilter { Prefix = name })).Sessions.SingleOrDefault(s => s.Name == name);

    [Fact]
    public async Task Start_registers_applies_options_and_lists_the_session()
    {
        var name = UniqueName.For("manager/start");
        var options = new SessionOptions { Model = "claude-managed-1", MaxTurns = 2 };

        var started = await Manager.StartSessionAsync(name, options);
        var answer = await cluster.Session(name).QueryAsync("managed hello");
        var listed = await FindAsync(name);

        Assert.Equal(name, started.Name);
        Assert.Contains("model=claude-managed-1", started.OptionsSummary);
        Assert.True(await Manager.IsRegisteredAsync(name));
        Assert.Equal(options, await cluster.Session(name).GetOptionsAsync());
        Assert.Equal("claude-managed-1", Assert.Single(cluster.Api.Requests, r => r.LastUserText == "managed hello").Model);
        Assert.NotNull(listed);
        Assert.Equal(SessionState.Ready, listed.State);
        Assert.True(listed.Alive);
        Assert.Equal(1, listed.Counters.Queries);
        Assert.False(string.IsNullOrEmpty(listed.Silo));
        Assert.StartsWith("managed hello | ", answer.Text);
    }

    [Fact]
    public async Task Starting_an_existing_name_with_other_options_is_a_conflict_unless_replaced()
    {
        var name = UniqueName.For("manager/conflict");
        await Manager.StartSessionAsync(name, new SessionOptions { Model = "first" });

        await Manager.StartSessionAsync(name, new SessionOptions { Model = "first" }); // same options: no-op
        var conflict = await Assert.ThrowsAsync<ClaudeSessionException>(() => Manager.StartSessionAsync(name, new SessionOptions { Model = "second" }));
        await Manager.StartSessionAsync(name, new SessionOptions { Model = "second" }, replace: true);

        Assert.Equal(ClaudeErrorCode.Conflict, conflict.Code);
        Assert.Contains("replace", conflict.Message);
        Assert.Equal("second", (await cluster.Session(name).GetOptionsAsync()).Model);
    }

    [Fact]
    public async Task A_start_without_options_gives_the_silos_defaults()
    {
        var name = UniqueName.For("manager/defaults");

        var started = await Manager.StartSessionAsync(name, null);

        Assert.Contains("max-turns=4", started.OptionsSummary); // ClaudeGrains:Defaults of this cluster
        Assert.Equal(4, (await cluster.Session(name).GetOptionsAsync()).MaxTurns);
    }

    [Fact]
    public async Task A_session_registered_by_use_exists_with_the_defaults()
    {
        var name = UniqueName.For("manager/used");
        var session = cluster.Session(name);
        var first = await session.QueryAsync("used before it was started");
        var process = (await session.GetStatusAsync()).ProcessId;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (!await Manager.IsRegisteredAsync(name))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token); // registration by use is a one-way call nothing announces
            }
        }

        var conflict = await Assert.ThrowsAsync<ClaudeSessionException>(() => Manager.StartSessionAsync(name, new SessionOptions { Model = "other" }));
        await Manager.StartSessionAsync(name, null); // the options it runs on already: nothing changes
        var next = await session.QueryAsync("still the same process?");

        Assert.Equal(ClaudeErrorCode.Conflict, conflict.Code);
        Assert.Contains("max-turns=4", conflict.Message);
        Assert.Equal(first.CliSessionId, next.CliSessionId);
        Assert.Equal(process, (await session.GetStatusAsync()).ProcessId);
    }

    [Fact]
    public async Task A_warm_start_runs_the_process_before_the_first_query()
    {
        var info = await Manager.StartSessionAsync(UniqueName.For("manager/warm"), new SessionOptions(), warm: true);

        Assert.True(info.Alive);
        Assert.NotNull(info.ProcessId);
        Assert.True(ProcessProbe.IsAlive(info.ProcessId!.Value));
    }

    [Fact]
    public async Task Terminate_stops_the_process_forgets_the_session_and_updates_the_counts()
    {
        var name = UniqueName.For("manager/terminate");
        await Manager.StartSessionAsync(name, new SessionOptions());
        await cluster.Session(name).QueryAsync("before terminate");
        var pid = (await cluster.Session(name).GetStatusAsync()).ProcessId!.Value;
        var before = await Manager.CountSessionsAsync();

        Assert.True(await Manager.TerminateSessionAsync(name));
        var after = await Manager.CountSessionsAsync();

        Assert.False(ProcessProbe.IsAlive(pid));
        Assert.Null(await FindAsync(name));
        Assert.False(await Manager.IsRegisteredAsync(name));
        Assert.Equal(before.Registered - 1, after.Registered);
        Assert.Equal(before.LiveProcesses - 1, after.LiveProcesses);
        Assert.False(await Manager.TerminateSessionAsync(name));
        Assert.False(await Manager.TerminateSessionAsync(UniqueName.For("manager/never-existed")));

        // Its state is gone: a new query starts a new conversation (and registers the name again).
        Assert.Equal("reborn | 1 messages", (await cluster.Session(name).QueryAsync("reborn")).Text);
    }

    [Fact]
    public async Task Restart_gives_a_fresh_conversation()
    {
        var name = UniqueName.For("manager/restart");
        await Manager.StartSessionAsync(name, new SessionOptions());
        await cluster.Session(name).QueryAsync("first life");

        Assert.True(await Manager.RestartSessionAsync(name));
        var after = await cluster.Session(name).QueryAsync("second life");

        Assert.Equal("second life | 1 messages", after.Text);
        Assert.False(await Manager.RestartSessionAsync(UniqueName.For("manager/unknown")));
    }

    [Fact]
    public async Task Sessions_on_both_silos_are_listed_with_their_silo()
    {
        // Placement goes by activation counts, and this collection's earlier tests can leave one silo busier by more
        // than a fixed batch: all of it would land on the other silo. New sessions keep coming until both hold some.
        var prefix = UniqueName.For("manager/spread") + "/";
        var statuses = new List<SessionStatus>();
        while (statuses.Select(s => s.Silo).Distinct().Count() < 2)
        {
            if (statuses.Count >= MaxSpreadSessions)
            {
                Assert.Fail($"{statuses.Count} new sessions all went to {statuses[0].Silo}");
            }

            var batch = Enumerable.Range(statuses.Count, 8).Select(i => $"{prefix}{i}");
            statuses.AddRange(await Task.WhenAll(batch.Select(n => cluster.Session(n).GetStatusAsync())));
        }

        var queried = statuses.GroupBy(s => s.Silo).Select(g => g.First().Name).ToList();
        await Task.WhenAll(queried.Select(n => cluster.Session(n).QueryAsync("where am I")));

        var page = await Manager.ListSessionsAsync(new SessionFilter { Prefix = prefix, PageSize = MaxSpreadSessions });

        Assert.Equal(statuses.Count, page.TotalCount);
        foreach (var status in statuses)
        {
            Assert.Equal(status.Silo, page.Sessions.Single(s => s.Name == status.Name).Silo);
        }

        Assert.All(queried, n => Assert.True(page.Sessions.Single(s => s.Name == n).Alive, $"{n} has a live process"));
        Assert.Equal(2, page.Sessions.Select(s => s.Silo).Distinct().Count());
    }

    [Fact]
    public async Task A_configured_session_is_registered_once_with_defaults_applied_by_both_silos()
    {
        var listed = await Manager.ListSessionsAsync(new SessionFilter { Prefix = TwoSiloCluster.ConfiguredSession });
        var options = await cluster.Session(TwoSiloCluster.ConfiguredSession).GetOptionsAsync();

        var info = Assert.Single(listed.Sessions);
        Assert.Equal(TwoSiloCluster.ConfiguredSession, info.Name);
        Assert.Equal("You are configured.", options.AppendSystemPrompt);
        Assert.Equal(4, options.MaxTurns);
        Assert.Equal(0, info.Counters.Restarts);
    }

    [Fact]
    public async Task Listing_filters_by_state_and_pages()
    {
        var prefix = UniqueName.For("manager/pages") + "/";
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Manager.StartSessionAsync($"{prefix}{i}", new SessionOptions())));
        await cluster.Session($"{prefix}3").QueryAsync("make me ready");

        var ready = await Manager.ListSessionsAsync(new SessionFilter { Prefix = prefix, State = SessionState.Ready });
        var pages = await Task.WhenAll(Enumerable.Range(0, 3).Select(p => Manager.ListSessionsAsync(new SessionFilter { Prefix = prefix, PageSize = 2, Page = p })));
        var farBeyond = await Manager.ListSessionsAsync(new SessionFilter { Prefix = prefix, PageSize = SessionFilter.MaxPageSize, Page = int.MaxValue });

        Assert.Equal($"{prefix}3", Assert.Single(ready.Sessions).Name);
        Assert.Equal([2, 2, 1], pages.Select(p => p.Sessions.Count));
        Assert.All(pages, p => Assert.Equal(5, p.TotalCount));
        Assert.Empty(farBeyond.Sessions); // a page past the end is empty, however far past
        Assert.Equal(5, farBeyond.TotalCount);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}{i}"), pages.SelectMany(p => p.Sessions).Select(s => s.Name));
        await Assert.ThrowsAsync<ArgumentException>(() => Manager.ListSessionsAsync(new SessionFilter { PageSize = 0 }));
    }
}
