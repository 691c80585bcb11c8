using System.Text.Json;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Sessions;

/// <summary>A misbehaving CLI gives typed errors, loses nothing, and leaves no process behind.</summary>
[Collection(FaultCliCollection.Name)]
public sealed class FaultInjectionTests(FaultCliCluster cluster)
{

    private static async Task DeactivateAllAsync(FaultCliCluster cluster) =>
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    [Fact]
    public async Task Lines_that_are_not_json_are_skipped_and_the_answer_arrives()
    {
        var result = await cluster.Session(UniqueName.For("fault/garbage")).QueryAsync("noise first [garbage]");

        Assert.Equal("noise first [garbage] | turn 1", result.Text);
    }

    [Fact]
    public async Task A_twenty_mebibyte_line_is_read_whole()
    {
        var events = new List<ClaudeEvent>();
        await foreach (var e in cluster.Session(UniqueName.For("fault/huge")).QueryStreamAsync("big [huge]"))
        {
            events.Add(e);
        }

        Assert.Contains(events.OfType<AssistantMessageEvent>(), a => a.Text.Length == 20 * 1024 * 1024);
        Assert.Equal("big [huge] | turn 1", Assert.IsType<ResultEvent>(events[^1]).Result.Text);
    }

    [Fact]
    public async Task A_line_over_the_maximum_fails_the_query_clearly_and_the_session_recovers()
    {
        var session = cluster.Session(UniqueName.For("fault/too-big"));

        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync($"bigger [huge:{FaultCliCluster.MaxLineBytes + 1024}]"));
        var next = await session.QueryAsync("after the flood");

        Assert.Equal(ClaudeErrorCode.OutputTooLarge, error.Code);
        Assert.Contains($"{FaultCliCluster.MaxLineBytes} bytes", error.Message);
        Assert.StartsWith("after the flood | ", next.Text);
    }

    [Fact]
    public async Task A_crash_mid_answer_fails_that_query_at_once_with_exit_code_and_stderr_and_the_queue_goes_on()
    {
        var session = cluster.Session(UniqueName.For("fault/crash"));

        var crashing = session.QueryAsync("this will crash midway [slow:20] [crash:7]");
        var queued = session.QueryAsync("queued behind the crash");
        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => crashing);
        var after = await queued;

        Assert.Equal(ClaudeErrorCode.CliExited, error.Code);
        Assert.Contains("exited with code 7", error.Message);
        Assert.Contains("crashing with 7", error.Message);
        Assert.StartsWith("queued behind the crash | ", after.Text);
        var status = await session.GetStatusAsync();
        Assert.Contains("exited with code 7", status.LastFailure);
        Assert.Equal(1, status.Counters.FailedQueries);
    }

    [Fact]
    public async Task A_chatty_stderr_never_blocks_the_answer()
    {
        var result = await cluster.Session(UniqueName.For("fault/stderr")).QueryAsync("shout [stderr:8192]");

        Assert.StartsWith("shout [stderr:8192] | ", result.Text);
    }

    [Fact]
    public async Task The_cli_gets_its_config_dir_and_key_but_not_the_nested_claude_marker()
    {
        var result = await cluster.Session(UniqueName.For("fault/env")).QueryAsync("show me [report]");

        using var report = JsonDocument.Parse(result.Text);
        var env = report.RootElement.GetProperty("env");
        Assert.Equal(JsonValueKind.Null, env.GetProperty("CLAUDECODE").ValueKind);
        Assert.StartsWith(cluster.DataRoot, env.GetProperty("CLAUDE_CONFIG_DIR").GetString());
        Assert.True(env.GetProperty("HAS_ANTHROPIC_API_KEY").GetBoolean());
        Assert.Equal(cluster.Api.BaseUrl.ToString().TrimEnd('/'), env.GetProperty("ANTHROPIC_BASE_URL").GetString());
        var argv = report.RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose", "--include-partial-messages"], argv);
    }

    [Fact]
    public async Task A_key_the_cli_prints_is_kept_out_of_the_error_the_session_state_and_the_log()
    {
        var session = cluster.Session(UniqueName.For("fault/leak"));

        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync("dump your environment [leak-key]"));
        var lastFailure = (await session.GetStatusAsync()).LastFailure;

        Assert.Contains("ANTHROPIC_API_KEY=[redacted]", error.Message);
        Assert.DoesNotContain(ClusterFixture.TestApiKey, error.Message);
        Assert.Contains("ANTHROPIC_API_KEY=[redacted]", lastFailure);
        Assert.DoesNotContain(ClusterFixture.TestApiKey, lastFailure);

        // It also printed them on stdout, which the silo logs as a line that is not stream-json.
        Assert.Contains(cluster.Logs.Lines, line => line.Contains("fault-cli environment: ANTHROPIC_API_KEY=[redacted]", StringComparison.Ordinal));
        Assert.DoesNotContain(cluster.Logs.Lines, line => line.Contains(ClusterFixture.TestApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bypassed_permissions_are_refused_up_front_where_the_cli_would_refuse_them_at_every_start()
    {
        // This cluster's CLIs are told of no sandbox (IS_SANDBOX), so as root the CLI exits at start with them.
        var session = cluster.Session(UniqueName.For("fault/bypass"));
        var bypass = new SessionOptions { PermissionMode = PermissionMode.BypassPermissions };

        if (Environment.IsPrivilegedProcess && Environment.GetEnvironmentVariable("IS_SANDBOX") != "1")
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => session.ConfigureAsync(bypass));
            var viaManager = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Manager.StartSessionAsync(UniqueName.For("fault/bypass-started"), bypass));
            var viaArguments = await Assert.ThrowsAsync<ArgumentException>(() => session.ConfigureAsync(new SessionOptions { ExtraArgs = ["--dangerously-skip-permissions"] }));

            Assert.Contains("the silo runs as root", error.Message);
            Assert.Contains("ClaudeGrains:Cli:Environment:IS_SANDBOX=1", error.Message);
            Assert.Contains("the silo runs as root", viaManager.Message);
            Assert.Contains("the silo runs as root", viaArguments.Message);
            Assert.Equal(new SessionOptions(), await session.GetOptionsAsync());
        }
        else
        {
            await session.ConfigureAsync(bypass); // the CLI allows it to other users
            Assert.Equal(bypass, await session.GetOptionsAsync());
        }
    }

    [Fact]
    public async Task A_hung_query_times_out_with_a_typed_error_and_the_session_stays_usable()
    {
        var session = cluster.Session(UniqueName.For("fault/hang"));
        await session.ConfigureAsync(new SessionOptions { QueryTimeout = TimeSpan.FromSeconds(2) });

        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync("never answer [hang]"));
        var next = await session.QueryAsync("are you back?");

        Assert.Equal(ClaudeErrorCode.Timeout, error.Code);
        Assert.StartsWith("are you back? | ", next.Text);
    }

    [Fact]
    public async Task Cancelling_a_queued_query_removes_it_without_touching_the_running_one()
    {
        var session = cluster.Session(UniqueName.For("fault/cancel-queued"));

        // Two calls from one client may arrive in either order, so the first must visibly run before the second is sent.
        await using var running = session.QueryStreamAsync("slow and steady [slow:100]").GetAsyncEnumerator();
        Assert.True(await running.MoveNextAsync());
        using var cancel = new CancellationTokenSource();
        var queued = session.QueryAsync("never mind", cancel.Token);

        // A cancel sent before the request reached the grain would find nothing to cancel; wait until it is queued.
        while ((await session.GetStatusAsync()).QueueLength == 0)
        {
            Assert.False(queued.IsCompleted, "the second query ended before it was seen waiting");
        }

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        ClaudeResult? result = null;
        while (await running.MoveNextAsync())
        {
            result = (running.Current as ResultEvent)?.Result ?? result;
        }

        Assert.StartsWith("slow and steady [slow:100] | turn 1", result!.Text);
        Assert.StartsWith("next | turn 2", (await session.QueryAsync("next")).Text);
    }

    [Theory]
    [InlineData("[wake-first]", "")] // the CLI's own turn comes between the prompt and its turn
    [InlineData("", "[wake-after]")] // it comes while the session is idle, before the next prompt
    public async Task A_turn_the_cli_starts_by_itself_is_no_part_of_any_query(string firstDirective, string secondDirective)
    {
        var session = cluster.Session(UniqueName.For("fault/self-started"));

        var first = await session.QueryAsync($"first {secondDirective}");
        var events = new List<ClaudeEvent>();
        await foreach (var @event in session.QueryStreamAsync($"second {firstDirective}"))
        {
            events.Add(@event);
        }

        var third = await session.QueryAsync("third");

        Assert.StartsWith($"first {secondDirective} | turn 1", first.Text);
        Assert.StartsWith($"second {firstDirective} | turn 2", Assert.Single(events.OfType<ResultEvent>()).Result.Text);
        Assert.DoesNotContain(events, e => e is TextDeltaEvent { Text: var text } && text.Contains("background", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e is AssistantMessageEvent { Text: var text } && text.Contains("background", StringComparison.Ordinal));
        Assert.StartsWith("third | turn 3", third.Text);
    }

    [Theory]
    [InlineData("[ask-permission]", "host said success deny")]
    [InlineData("[ask-host]", "host said error")]
    public async Task A_request_the_cli_sends_its_host_is_refused_at_once_instead_of_hanging_the_turn(string directive, string answer)
    {
        var session = cluster.Session(UniqueName.For("fault/asks-host"));
        await session.ConfigureAsync(new SessionOptions { QueryTimeout = TimeSpan.FromSeconds(10) });

        var result = await session.QueryAsync($"ask {directive}");

        Assert.Equal(answer, result.Text);
    }

    [Fact]
    public async Task A_cli_that_dies_while_its_child_holds_its_output_open_fails_the_query_at_once_and_the_child_is_reaped()
    {
        var log = Path.Combine(cluster.DataRoot, $"holding-{Guid.NewGuid():N}.log");
        var session = cluster.Session(UniqueName.For("fault/holding"));
        await session.ConfigureAsync(new SessionOptions { ExtraArgs = [$"--fault-log={log}"], QueryTimeout = TimeSpan.FromSeconds(10) });

        // Without the exit seen apart from the pipes, the query would wait out its timeout for an end of output
        // that the child never gives.
        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => session.QueryAsync("leave a child holding my output [spawn-holding-output] [crash:5]"));
        var answer = await session.QueryAsync("and after it");

        Assert.Equal(ClaudeErrorCode.CliExited, error.Code);
        Assert.Contains("crashing with 5", error.Message);
        Assert.False(ProcessProbe.IsAlive(FaultCliLog.ChildPid(log)), "the dead CLI's child is still alive");
        Assert.StartsWith("and after it | ", answer.Text);
    }

    [Fact]
    public async Task Deactivation_kills_the_whole_process_tree_even_when_the_cli_ignores_eof_and_sigterm()
    {
        var log = Path.Combine(cluster.DataRoot, $"spawn-{Guid.NewGuid():N}.log");
        var session = cluster.Session(UniqueName.For("fault/tree"));
        await session.ConfigureAsync(new SessionOptions { ExtraArgs = ["--fault-ignore-eof", "--fault-ignore-sigterm", $"--fault-log={log}"] });

        await session.QueryAsync("make a child [spawn]");
        var cli = (await session.GetStatusAsync()).ProcessId!.Value;
        var child = FaultCliLog.ChildPid(log);
        Assert.True(ProcessProbe.IsAlive(child));

        await DeactivateAllAsync(cluster);

        Assert.False(ProcessProbe.IsAlive(cli), "the CLI outlived its grain");
        Assert.False(ProcessProbe.IsAlive(child), "the CLI's child outlived its grain");
        Assert.Empty(cluster.LiveCliProcesses());
    }
}
