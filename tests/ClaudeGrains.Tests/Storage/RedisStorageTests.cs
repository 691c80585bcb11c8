using ClaudeGrains.Tests.Infrastructure;
using StackExchange.Redis;

namespace ClaudeGrains.Tests.Storage;

/// <summary>
/// With Redis storage, sessions keep their options, counters and conversation across a silo restart. Redis refuses a
/// write made with a stale ETag, so it also shows any two writes of one grain's state that overlap.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStorageTests(RedisCluster cluster)
{
    /// <summary>Clients starting sessions one after another, side by side, in the concurrent-start test.</summary>
    private const int StartingClients = 8;

    /// <summary>Sessions each of those clients starts.</summary>
    private const int StartsPerClient = 8;

    [Fact]
    public async Task A_silo_restart_keeps_options_counters_and_conversation()
    {
        var names = Enumerable.Range(0, 3).Select(i => $"persisted/{i}/{Guid.NewGuid():N}").ToList();
        var before = new Dictionary<string, ClaudeResult>();
        foreach (var name in names)
        {
            var session = cluster.Session(name);
            await session.ConfigureAsync(new SessionOptions { AppendSystemPrompt = $"You are {name}.", MaxTurns = 4 });
            before[name] = await session.QueryAsync($"hello from {name}");
        }

        await cluster.Cluster.RestartSiloAsync(cluster.Cluster.Primary!);
        await cluster.Cluster.InitializeClientAsync();

        foreach (var name in names)
        {
            var session = cluster.Cluster.Client.GetGrain<IClaudeSessionGrain>(name);
            var status = await session.GetStatusAsync();
            Assert.Equal(SessionState.Hibernated, status.State);
            Assert.Equal(1, status.Counters.Queries);
            Assert.Equal(before[name].CliSessionId, status.CliSessionId);
            Assert.Equal(new SessionOptions { AppendSystemPrompt = $"You are {name}.", MaxTurns = 4 }, await session.GetOptionsAsync());

            var again = await session.QueryAsync($"still {name}?");
            Assert.Equal($"still {name}? | 3 messages", again.Text);
            Assert.Equal(before[name].CliSessionId, again.CliSessionId);
        }
    }

    [Fact]
    public async Task The_api_key_is_never_written_to_storage()
    {
        var name = $"no-key-in-state/{Guid.NewGuid():N}";
        var answer = await cluster.Session(name).QueryAsync("store me");
        await cluster.Session(name).QueryAsync("and me"); // a query runs only once the state of the one before is written

        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var database = redis.GetDatabase();
        var values = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            values.Add(key.ToString());
            if (await database.KeyTypeAsync(key) == RedisType.Hash)
            {
                values.AddRange((await database.HashGetAllAsync(key)).Select(entry => entry.Value.ToString()));
            }
            else
            {
                values.Add((await database.StringGetAsync(key)).ToString());
            }
        }

        // The session's state is there (it holds the CLI session id)...
        Assert.Contains(values, v => v.Contains(answer.CliSessionId!, StringComparison.Ordinal));
        // ...and the key is not.
        Assert.DoesNotContain(values, v => v.Contains(ClusterFixture.TestApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_registry_survives_a_full_cluster_restart()
    {
        var name = UniqueName.For("persisted/registry");
        await cluster.Manager.StartSessionAsync(name, new SessionOptions { Model = "claude-kept" });
        var replaced = new SessionOptions { Model = "claude-set-by-an-operator" };
        await cluster.Manager.StartSessionAsync(RedisCluster.ConfiguredSession, replaced, replace: true);

        await cluster.Cluster.RestartSiloAsync(cluster.Cluster.Primary!); // the only silo: the whole cluster
        await cluster.Cluster.InitializeClientAsync();
        var listed = await cluster.Manager.ListSessionsAsync(new SessionFilter { Prefix = name });

        Assert.True(await cluster.Manager.IsRegisteredAsync(name));
        var info = Assert.Single(listed.Sessions);
        Assert.Contains("model=claude-kept", info.OptionsSummary);
        Assert.Equal(SessionState.Hibernated, info.State);

        // The silo's start registered its configured session again, without undoing what was set at run time.
        Assert.Equal(replaced, await cluster.Cluster.Client.GetGrain<IClaudeSessionGrain>(RedisCluster.ConfiguredSession).GetOptionsAsync());
    }

    [Fact]
    public async Task Starts_arriving_while_the_registry_is_being_written_are_all_registered()
    {
        // Each client starts its next session as soon as its last one is started, so starts keep arriving at the
        // manager while the registry write of earlier ones is still on its way.
        var prefix = UniqueName.For("persisted/concurrent") + "/";
        var names = Enumerable.Range(0, StartingClients * StartsPerClient).Select(i => $"{prefix}{i:D3}").ToList();
        await Task.WhenAll(names.Chunk(StartsPerClient).Select(async chunk =>
        {
            foreach (var name in chunk)
            {
                await cluster.Manager.StartSessionAsync(name, new SessionOptions());
            }
        }));

        var page = await cluster.Manager.ListSessionsAsync(new SessionFilter { Prefix = prefix, PageSize = names.Count });
        var registered = await Task.WhenAll(names.Select(cluster.Manager.IsRegisteredAsync));

        Assert.Equal(names, page.Sessions.Select(s => s.Name));
        Assert.All(names.Zip(registered), r => Assert.True(r.Second, $"{r.First} is registered"));
    }
}
