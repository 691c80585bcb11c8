using ClaudeGrains.Grains.Processes;

namespace ClaudeGrains.Tests.Processes;

/// <summary>Which sessions the warm pool serves, and what it sends them at hand-over.</summary>
public sealed class WarmPoolProfileTests
{
    private static readonly SessionOptions Defaults = new()
    {
        Model = "claude-default",
        SystemPrompt = "Default prompt.",
        MaxTurns = 4,
        AllowedTools = ["Read"],
        PermissionMode = PermissionMode.AcceptEdits,
        IdleTimeout = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public void Pooled_processes_are_launched_with_the_launch_only_defaults_and_the_default_model()
    {
        var launch = WarmPoolProfile.From(Defaults).LaunchOptions;

        Assert.Equal(new SessionOptions { Model = "claude-default", MaxTurns = 4, AllowedTools = ["Read"] }, launch);
    }

    public static TheoryData<SessionOptions> ApplicableAtHandOver => new()
    {
        new SessionOptions(),
        new SessionOptions { SystemPrompt = "Other.", AppendSystemPrompt = "More." },
        new SessionOptions { Model = "claude-other" },
        new SessionOptions { PermissionMode = PermissionMode.Plan },
        new SessionOptions { QueryTimeout = TimeSpan.FromSeconds(5), InactivityTimeout = TimeSpan.FromSeconds(1), IdleTimeout = TimeSpan.FromHours(1) },
        new SessionOptions { AllowedTools = [] },
    };

    [Theory]
    [MemberData(nameof(ApplicableAtHandOver))]
    public void Options_the_control_protocol_or_the_host_applies_still_match(SessionOptions own)
    {
        var profile = WarmPoolProfile.From(new SessionOptions { MaxTurns = 4 });

        Assert.True(profile.Matches(own with { MaxTurns = 4 }));
    }

    public static TheoryData<SessionOptions> LaunchOnly => new()
    {
        new SessionOptions { FallbackModel = "claude-fallback" },
        new SessionOptions { MaxTurns = 3 },
        new SessionOptions { MaxBudgetUsd = 1m },
        new SessionOptions { AllowedTools = ["Read"] },
        new SessionOptions { DisallowedTools = ["Bash"] },
        new SessionOptions { AdditionalDirectories = ["/srv"] },
        new SessionOptions { WorkingDirectory = "/srv" },
        new SessionOptions { McpConfigJson = """{"mcpServers":{}}""" },
        new SessionOptions { SettingSources = ["user"] },
        new SessionOptions { SettingSources = [] },
        new SessionOptions { ExtraArgs = ["--strict-mcp-config"] },
        new SessionOptions { PermissionMode = PermissionMode.BypassPermissions },
    };

    [Theory]
    [MemberData(nameof(LaunchOnly))]
    public void An_option_only_the_command_line_sets_must_equal_the_pool_s(SessionOptions own)
    {
        Assert.False(WarmPoolProfile.From(null).Matches(own));
    }

    [Fact]
    public void A_pool_that_loads_no_settings_serves_only_sessions_that_load_none()
    {
        var profile = WarmPoolProfile.From(new SessionOptions { SettingSources = [] });

        Assert.Contains("--setting-sources=", ClaudeCliProcessFactory.BuildArguments(profile.LaunchOptions, null));
        Assert.True(profile.Matches(new SessionOptions { SettingSources = [] }));
        Assert.False(profile.Matches(new SessionOptions()));
    }

    [Fact]
    public void The_hand_over_initializes_with_the_prompts_then_sets_a_model_that_differs_and_the_permission_mode()
    {
        var profile = WarmPoolProfile.From(Defaults);

        var requests = profile.HandOverRequests(new SessionOptions { SystemPrompt = "Own.", AppendSystemPrompt = "Also.", Model = "claude-own", PermissionMode = PermissionMode.Plan });

        Assert.Equal(
        [
            """{"type":"control_request","request_id":"r","request":{"subtype":"initialize","systemPrompt":"Own.","appendSystemPrompt":"Also."}}""",
            """{"type":"control_request","request_id":"r","request":{"subtype":"set_model","model":"claude-own"}}""",
            """{"type":"control_request","request_id":"r","request":{"subtype":"set_permission_mode","mode":"plan"}}""",
        ], requests.Select(r => System.Text.Encoding.UTF8.GetString(r.ToLine("r")).TrimEnd('\n')));
    }

    [Fact]
    public void A_session_on_the_launch_model_with_no_mode_gets_only_the_handshake()
    {
        var requests = WarmPoolProfile.From(Defaults).HandOverRequests(new SessionOptions { Model = "claude-default" });

        Assert.Equal(["initialize"], requests.Select(r => r.Subtype));
    }
}
