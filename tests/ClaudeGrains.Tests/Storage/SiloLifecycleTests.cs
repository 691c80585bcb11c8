using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Storage;

/// <summary>No CLI process (nor its MCP configuration file) outlives its silo: not after a restart, and not after a predecessor crashed.</summary>
[Collection(RedisCollection.Name)]
public sealed class SiloLifecycleTests(RedisCluster cluster)
{
    [Fact]
    public async Task A_silo_restart_stops_every_cli_process_and_sessions_resume()
    {
        var names = Enumerable.Range(0, 3).Select(i => $"restart/{i}/{Guid.NewGuid():N}").ToList();
        var pids = new List<int>();
        foreach (var name in names)
        {
            var session = cluster.Session(name);
            await session.QueryAsync("keep me alive");
            pids.Add((await session.GetStatusAsync()).ProcessId!.Value);
        }

        await cluster.Cluster.RestartSiloAsync(cluster.Cluster.Primary!); // a graceful stop, then a start
        await cluster.Cluster.InitializeClientAsync();

        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid), $"CLI {pid} outlived the silo"));
        Assert.Empty(cluster.LiveCliProcesses());
        Assert.Equal("still alive? | 3 messages", (await cluster.Session(names[0]).QueryAsync("still alive?")).Text);
    }

    [Fact]
    public void A_starting_silo_kills_cli_processes_and_removes_mcp_configuration_files_a_crashed_predecessor_left_behind()
    {
        Assert.False(ProcessProbe.IsAlive(cluster.StaleProcessId), $"stale CLI stand-in {cluster.StaleProcessId} survived the silo's start");
        Assert.False(File.Exists(cluster.StaleMcpConfigFile), $"stale MCP configuration file {cluster.StaleMcpConfigFile} survived the silo's start");
    }
}
