using System.Text.Json;
using ClaudeGrains.Admin;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Management;

/// <summary>The claudegrains tool's commands against a running two-silo cluster: output and exit codes.</summary>
[Collection(TwoSiloCollection.Name)]
public sealed class AdminToolTests(TwoSiloCluster cluster)
{
    [Fact]
    public async Task Start_status_list_count_restart_and_terminate()
    {
        var name = UniqueName.For("admin/tool");

        var start = await AdminRun.RunAsync(cluster, "sessions", "start", name, "--model", "claude-admin-1", "--max-turns", "3", "--allowed-tools", "Read", "--allowed-tools", "Grep", "--permission-mode", "Plan");
        var query = await AdminRun.RunAsync(cluster, "query", name, "hello from the tool");
        var status = await AdminRun.RunAsync(cluster, "sessions", "status", name, "--json");
        var list = await AdminRun.RunAsync(cluster, "sessions", "list", "--prefix", name, "--json");
        var table = await AdminRun.RunAsync(cluster, "sessions", "list", "--prefix", name);
        var count = await AdminRun.RunAsync(cluster, "sessions", "count", "--json");
        var restart = await AdminRun.RunAsync(cluster, "sessions", "restart", name);
        var terminate = await AdminRun.RunAsync(cluster, "sessions", "terminate", name);
        var again = await AdminRun.RunAsync(cluster, "sessions", "terminate", name);

        Assert.True(start.ExitCode == ExitCodes.Success, start.Error);
        Assert.Contains("model=claude-admin-1", start.Out);
        Assert.Contains("tools=Read,Grep", start.Out);
        Assert.Equal(ExitCodes.Success, query.ExitCode);
        Assert.Equal("hello from the tool | 1 messages", query.Out.Trim());
        Assert.Contains("turns=1", query.Error);
        using (var json = JsonDocument.Parse(status.Out))
        {
            Assert.Equal("Ready", json.RootElement.GetProperty("state").GetString());
            Assert.Equal(1, json.RootElement.GetProperty("counters").GetProperty("queries").GetInt32());
        }

        using (var json = JsonDocument.Parse(list.Out))
        {
            Assert.Equal(1, json.RootElement.GetProperty("totalCount").GetInt32());
            Assert.Equal(name, json.RootElement.GetProperty("sessions")[0].GetProperty("name").GetString());
        }

        Assert.Contains(name, table.Out);
        Assert.Contains("STATE", table.Out);
        using (var json = JsonDocument.Parse(count.Out))
        {
            Assert.True(json.RootElement.GetProperty("registered").GetInt32() >= 1);
        }

        Assert.Equal((ExitCodes.Success, $"restarted {name}"), (restart.ExitCode, restart.Out.Trim()));
        Assert.Equal((ExitCodes.Success, $"terminated {name}"), (terminate.ExitCode, terminate.Out.Trim()));
        Assert.Equal(ExitCodes.Failure, again.ExitCode);
        Assert.Contains($"unknown session '{name}'", again.Error);
    }

    [Fact]
    public async Task Tail_prints_every_event_of_a_query_made_by_another_client()
    {
        var name = UniqueName.For("admin/tail");
        using var stop = new CancellationTokenSource();
        var (exit, stdout, stderr) = AdminRun.Start(cluster, stop.Token, "tail", name);
        await stderr.WaitForAsync(text => text.Contains("following", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await cluster.Session(name).QueryAsync("tail me [deltas:5]");
        await stdout.WaitForAsync(text => text.Contains(" completed", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        stop.Cancel();

        Assert.Equal(ExitCodes.Success, await exit);
        var output = stdout.ToString();
        Assert.Contains("started: tail me [deltas:5]", output);
        Assert.True(output.Split('\n').Count(l => l.Contains(" text: ", StringComparison.Ordinal)) >= 5);
        Assert.Contains("result: tail me [deltas:5] | 1 messages", output);
        Assert.EndsWith("completed", output.Trim());
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "sessions", "frobnicate")]
    [InlineData(ExitCodes.Usage, "sessions", "start")]
    [InlineData(ExitCodes.Usage, "sessions", "start", "bad\tname")]
    [InlineData(ExitCodes.Usage, "sessions", "start", "ok-name", "--max-turns", "0")]
    [InlineData(ExitCodes.Usage, "sessions", "status", "bad\tname")]
    [InlineData(ExitCodes.Failure, "sessions", "status", "admin/never-started")]
    [InlineData(ExitCodes.Failure, "sessions", "restart", "admin/never-started")]
    public async Task Bad_input_and_unknown_sessions_get_clear_errors_and_exit_codes(int exitCode, params string[] args)
    {
        var run = await AdminRun.RunAsync(cluster, args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
    }

    [Theory]
    [InlineData("no-port", "'no-port' is not a gateway")]
    [InlineData("nonexistent.invalid:30000", "gateway host 'nonexistent.invalid' cannot be resolved")] // .invalid never resolves
    public async Task A_bad_gateway_is_a_usage_error_in_one_line(string gateway, string error)
    {
        var stderr = new StringWriter();
        var exit = await AdminApp.RunAsync(["sessions", "count", "--gateway", gateway], new StringWriter(), stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith($"error: {error}", stderr.ToString());
        Assert.Single(stderr.ToString().Trim().Split('\n'));
    }

    [Fact]
    public async Task An_unreachable_cluster_is_a_failure_in_one_line()
    {
        var stderr = new StringWriter();
        var exit = await AdminApp.RunAsync(["sessions", "count", "--gateway", "127.0.0.1:1"], new StringWriter(), stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.StartsWith("error: cluster unreachable at 127.0.0.1:1", stderr.ToString());
        Assert.Single(stderr.ToString().Trim().Split('\n'));
    }
}
