using ClaudeGrains.Cli.Arguments;

namespace ClaudeGrains.Cli.Tests;

public sealed class ClaudeCliArgumentBuilderTests
{
    [Fact]
    public void No_options_gives_only_the_stream_json_arguments()
    {
        Assert.Equal(
            ["-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose", "--include-partial-messages"],
            ClaudeCliArgumentBuilder.Build(new ClaudeCliArguments()));
    }

    [Fact]
    public void Every_option_becomes_its_flag()
    {
        var argv = ClaudeCliArgumentBuilder.Build(new ClaudeCliArguments
        {
            SystemPrompt = "Be brief.",
            AppendSystemPrompt = "Sign off.",
            Model = "claude-sonnet-4-5",
            FallbackModel = "claude-haiku-4-5",
            MaxTurns = 3,
            MaxBudgetUsd = 1.25m,
            AllowedTools = ["Read", "Bash(git:*)"],
            DisallowedTools = ["Write"],
            AdditionalDirectories = ["/srv/a", "/srv/b"],
            PermissionMode = "acceptEdits",
            McpConfig = """{"mcpServers":{}}""",
            SettingSources = ["user", "project"],
            ResumeSessionId = "0ea1a9d5-b330-465e-948e-269743f3b29b",
            ExtraArgs = ["--strict-mcp-config"],
        });

        Assert.Equal(
        [
            "-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose", "--include-partial-messages",
            "--system-prompt=Be brief.",
            "--append-system-prompt=Sign off.",
            "--model=claude-sonnet-4-5",
            "--fallback-model=claude-haiku-4-5",
            "--max-turns=3",
            "--max-budget-usd=1.25",
            "--allowedTools=Read",
            "--allowedTools=Bash(git:*)",
            "--disallowedTools=Write",
            "--add-dir=/srv/a",
            "--add-dir=/srv/b",
            "--permission-mode=acceptEdits",
            "--mcp-config={\"mcpServers\":{}}",
            "--setting-sources=user,project",
            "--resume=0ea1a9d5-b330-465e-948e-269743f3b29b",
            "--strict-mcp-config",
        ], argv);
    }

    [Fact]
    public void Empty_setting_sources_load_none_and_unset_ones_leave_the_cli_default()
    {
        // The CLI reads an empty --setting-sources as "no settings files" (as the Agent SDKs pass it); without the
        // flag it loads user, project and local settings, project hooks included.
        Assert.Contains("--setting-sources=", ClaudeCliArgumentBuilder.Build(new ClaudeCliArguments { SettingSources = [] }));
        Assert.DoesNotContain(ClaudeCliArgumentBuilder.Build(new ClaudeCliArguments()), a => a.StartsWith("--setting-sources", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_that_starts_with_a_dash_stays_attached_to_its_flag()
    {
        var argv = ClaudeCliArgumentBuilder.Build(new ClaudeCliArguments { SystemPrompt = "--dangerously-skip-permissions", Model = "-x" });

        Assert.Contains("--system-prompt=--dangerously-skip-permissions", argv);
        Assert.Contains("--model=-x", argv);
        Assert.DoesNotContain("--dangerously-skip-permissions", argv);
    }

    [Fact]
    public void Shell_metacharacters_are_passed_through_untouched()
    {
        var argv = ClaudeCliArgumentBuilder.Build(new ClaudeCliArguments { SystemPrompt = "a; rm -rf / && $(whoami) `id` 'q' \"d\"\nnext" });

        Assert.Contains("--system-prompt=a; rm -rf / && $(whoami) `id` 'q' \"d\"\nnext", argv);
    }

    [Fact]
    public void Decimal_budget_uses_the_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Contains("--max-budget-usd=0.5", ClaudeCliArgumentBuilder.Build(new ClaudeCliArguments { MaxBudgetUsd = 0.5m }));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
