using ClaudeGrains.Grains.Processes;

namespace ClaudeGrains.Tests.Sessions;

/// <summary>Every <see cref="SessionOptions"/> field reaches the CLI's command line in the CLI's own spelling.</summary>
public sealed class SessionArgumentsTests
{
    [Fact]
    public void Every_session_option_maps_to_its_cli_flag()
    {
        var options = new SessionOptions
        {
            SystemPrompt = "sys",
            AppendSystemPrompt = "more",
            Model = "claude-sonnet-4-5",
            FallbackModel = "claude-haiku-4-5",
            MaxTurns = 7,
            MaxBudgetUsd = 2.5m,
            AllowedTools = ["Read"],
            DisallowedTools = ["Bash"],
            AdditionalDirectories = ["/srv/extra"],
            PermissionMode = PermissionMode.BypassPermissions,
            WorkingDirectory = "/srv/work",
            McpConfigJson = """{"mcpServers":{}}""",
            SettingSources = ["project"],
            QueryTimeout = TimeSpan.FromMinutes(2),
            ExtraArgs = ["--strict-mcp-config"],
        };

        var argv = ClaudeCliProcessFactory.BuildArguments(options, resumeSessionId: "abc");

        Assert.Equal(
        [
            "-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose", "--include-partial-messages",
            "--system-prompt=sys", "--append-system-prompt=more", "--model=claude-sonnet-4-5", "--fallback-model=claude-haiku-4-5",
            "--max-turns=7", "--max-budget-usd=2.5", "--allowedTools=Read", "--disallowedTools=Bash", "--add-dir=/srv/extra",
            "--permission-mode=bypassPermissions", "--mcp-config={\"mcpServers\":{}}", "--setting-sources=project",
            "--resume=abc", "--strict-mcp-config",
        ], argv);
    }

    [Theory]
    [InlineData(PermissionMode.Default, "default")]
    [InlineData(PermissionMode.AcceptEdits, "acceptEdits")]
    [InlineData(PermissionMode.Plan, "plan")]
    [InlineData(PermissionMode.BypassPermissions, "bypassPermissions")]
    [InlineData(PermissionMode.DontAsk, "dontAsk")]
    public void Permission_modes_use_the_clis_names(PermissionMode mode, string flagValue)
    {
        Assert.Contains($"--permission-mode={flagValue}", ClaudeCliProcessFactory.BuildArguments(new SessionOptions { PermissionMode = mode }, null));
    }

    [Fact]
    public void Options_compare_by_value_including_lists()
    {
        var a = new SessionOptions { AllowedTools = ["Read", "Grep"], Model = "m" };
        var b = new SessionOptions { AllowedTools = new List<string> { "Read", "Grep" }, Model = "m" };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { AllowedTools = ["Read"] });
        Assert.Equal(new SessionOptions(), new SessionOptions { ExtraArgs = [] });
    }

    [Fact]
    public void Empty_setting_sources_are_not_unset_ones()
    {
        // Empty loads no settings files; unset loads them all.
        Assert.NotEqual(new SessionOptions(), new SessionOptions { SettingSources = [] });
        Assert.Equal(new SessionOptions { SettingSources = [] }, new SessionOptions { SettingSources = new List<string>() });
    }

    [Fact]
    public void Options_that_compare_equal_hash_alike()
    {
        // An empty tool list gives the same command line as none, so the two are equal and must hash alike.
        Assert.Equal(new SessionOptions(), new SessionOptions { AllowedTools = [] });
        Assert.Equal(new SessionOptions().GetHashCode(), new SessionOptions { AllowedTools = [] }.GetHashCode());
    }
}
