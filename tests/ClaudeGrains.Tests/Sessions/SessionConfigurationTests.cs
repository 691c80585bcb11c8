using System.Text.Json;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Sessions;

/// <summary>Options from configuration and from <see cref="IClaudeSessionGrain.ConfigureAsync"/> reach the CLI, and bad ones are refused.</summary>
[Collection(RealCliCollection.Name)]
public sealed class SessionConfigurationTests(RealCliCluster cluster)
{
    [Fact]
    public async Task A_session_defined_in_configuration_runs_with_its_options()
    {
        var session = cluster.Session(RealCliCluster.ConfiguredSession);

        var options = await session.GetOptionsAsync();
        await session.QueryAsync("configured hello");

        Assert.Equal(RealCliCluster.ConfiguredSystemPrompt, options.SystemPrompt);
        Assert.Equal(["Bash"], options.DisallowedTools!);
        var request = Assert.Single(cluster.Api.Requests, r => r.LastUserText == "configured hello");
        Assert.Equal("claude-configured-model", request.Model);
        Assert.Contains(RealCliCluster.ConfiguredSystemPrompt, request.SystemPrompt);
    }

    [Fact]
    public async Task Configured_options_apply_to_the_next_query_and_keep_the_conversation()
    {
        var session = cluster.Session($"configure/{Guid.NewGuid():N}");
        await session.QueryAsync("before configure");

        await session.ConfigureAsync(new SessionOptions { SystemPrompt = "Speak like a pirate.", Model = "claude-pirate-1" });
        var answer = await session.QueryAsync("after configure");

        Assert.Equal("after configure | 3 messages", answer.Text);
        var request = Assert.Single(cluster.Api.Requests, r => r.LastUserText == "after configure");
        Assert.Equal("claude-pirate-1", request.Model);
        Assert.Contains("Speak like a pirate.", request.SystemPrompt);
        Assert.Equal("claude-pirate-1", (await session.GetOptionsAsync()).Model);
    }

    public static TheoryData<SessionOptions, string> InvalidOptions => new()
    {
        { new SessionOptions { MaxTurns = 0 }, nameof(SessionOptions.MaxTurns) },
        { new SessionOptions { MaxBudgetUsd = -1 }, nameof(SessionOptions.MaxBudgetUsd) },
        { new SessionOptions { Model = "has space" }, nameof(SessionOptions.Model) },
        { new SessionOptions { WorkingDirectory = "relative/dir" }, nameof(SessionOptions.WorkingDirectory) },
        { new SessionOptions { AdditionalDirectories = ["/ok", "not-absolute"] }, "AdditionalDirectories[1]" },
        { new SessionOptions { AllowedTools = [" "] }, "AllowedTools[0]" },
        { new SessionOptions { McpConfigJson = "{not json" }, nameof(SessionOptions.McpConfigJson) },
        { new SessionOptions { McpConfigJson = "[1]" }, nameof(SessionOptions.McpConfigJson) },
        // The CLI refuses these at start: no mcpServers (VS Code's "servers" shape), or not an object.
        { new SessionOptions { McpConfigJson = "{}" }, nameof(SessionOptions.McpConfigJson) },
        { new SessionOptions { McpConfigJson = """{"servers":{"a":{"command":"x"}}}""" }, nameof(SessionOptions.McpConfigJson) },
        { new SessionOptions { McpConfigJson = """{"mcpServers":[]}""" }, nameof(SessionOptions.McpConfigJson) },
        { new SessionOptions { SettingSources = ["user", "cloud"] }, nameof(SessionOptions.SettingSources) },
        { new SessionOptions { QueryTimeout = TimeSpan.Zero }, nameof(SessionOptions.QueryTimeout) },
        { new SessionOptions { PermissionMode = (PermissionMode)42 }, nameof(SessionOptions.PermissionMode) },
        { new SessionOptions { SystemPrompt = "nul\0inside" }, nameof(SessionOptions.SystemPrompt) },
        // Bytes, not characters: each 'é' takes two.
        { new SessionOptions { SystemPrompt = new string('é', SessionOptions.MaxArgumentBytes / 2 + 1) }, nameof(SessionOptions.SystemPrompt) },
        { new SessionOptions { AppendSystemPrompt = new string('a', SessionOptions.MaxArgumentBytes + 1) }, nameof(SessionOptions.AppendSystemPrompt) },
        { new SessionOptions { McpConfigJson = $"{{\"mcpServers\":{{}},\"pad\":\"{new string('a', SessionOptions.MaxArgumentBytes)}\"}}" }, nameof(SessionOptions.McpConfigJson) },
        { new SessionOptions { ExtraArgs = ["--verbose", new string('a', SessionOptions.MaxArgumentBytes + 1)] }, "ExtraArgs[1]" },
        { new SessionOptions { AllowedTools = ["Read", new string('a', SessionOptions.MaxArgumentBytes + 1)] }, "AllowedTools[1]" },
        { new SessionOptions { AdditionalDirectories = ["/" + new string('d', SessionOptions.MaxArgumentBytes)] }, "AdditionalDirectories[0]" },
    };

    [Fact]
    public async Task A_system_prompt_of_the_largest_accepted_size_reaches_the_model_through_the_command_line()
    {
        // This cluster has no warm pool, so the prompt goes on the command line of a cold start.
        var session = cluster.Session($"large-prompt/{Guid.NewGuid():N}");
        var prompt = "Be brief. " + new string('x', SessionOptions.MaxArgumentBytes - "Be brief. ".Length);

        await session.ConfigureAsync(new SessionOptions { SystemPrompt = prompt });
        await session.QueryAsync("large prompt hello");

        var request = Assert.Single(cluster.Api.Requests, r => r.LastUserText == "large prompt hello");
        Assert.Contains(prompt, request.SystemPrompt);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // the CLI's command line is read from /proc
    public async Task An_mcp_configuration_reaches_the_cli_in_a_file_only_the_silo_can_read_and_never_on_its_command_line()
    {
        var name = $"mcp/{Guid.NewGuid():N}";
        var session = cluster.Session(name);
        const string token = "mcp-server-token-4711";
        // The server only writes the token it was given where the test can see it, which shows the CLI read the whole
        // configuration, env included, and started the server from it.
        var marker = Path.Combine(cluster.DataRoot, $"{Guid.NewGuid():N}.token");
        var mcpConfig = JsonSerializer.Serialize(new
        {
            mcpServers = new
            {
                probe = new
                {
                    command = "/bin/sh",
                    args = new[] { "-c", """printf %s "$PROBE_TOKEN" > "$PROBE_MARKER" """ },
                    env = new { PROBE_TOKEN = token, PROBE_MARKER = marker },
                },
            },
        });

        await session.ConfigureAsync(new SessionOptions { McpConfigJson = mcpConfig });
        await session.QueryAsync("mcp hello");
        var pid = (await session.GetStatusAsync()).ProcessId!.Value;
        var argv = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline")).Split('\0');
        var file = Assert.Single(argv, a => a.StartsWith("--mcp-config=", StringComparison.Ordinal))["--mcp-config=".Length..];

        Assert.Equal(token, await File.ReadAllTextAsync(marker));
        Assert.DoesNotContain(argv, a => a.Contains(token, StringComparison.Ordinal));
        Assert.Equal(mcpConfig, await File.ReadAllTextAsync(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));

        Assert.True(await cluster.Manager.TerminateSessionAsync(name));
        Assert.False(File.Exists(file), "The MCP configuration file outlived its process.");
    }

    [Fact]
    public async Task Bypassed_permissions_reach_the_cli_of_a_silo_that_says_it_is_sandboxed()
    {
        var session = cluster.Session($"bypass/{Guid.NewGuid():N}");

        await session.ConfigureAsync(new SessionOptions { PermissionMode = PermissionMode.BypassPermissions });
        var answer = await session.QueryAsync("bypass hello");
        var cmdline = await File.ReadAllTextAsync($"/proc/{(await session.GetStatusAsync()).ProcessId}/cmdline");

        Assert.Equal("bypass hello | 1 messages", answer.Text);
        Assert.Contains("--permission-mode=bypassPermissions", cmdline);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_options_are_refused_naming_the_field_and_change_nothing(SessionOptions options, string field)
    {
        var session = cluster.Session($"invalid-options/{Guid.NewGuid():N}");
        var before = await session.GetOptionsAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.ConfigureAsync(options));

        // ParamName does not cross the Orleans wire; the message names the field.
        Assert.Contains(field, error.Message);
        Assert.Equal(before, await session.GetOptionsAsync());
    }

    public static TheoryData<string, string> InvalidNames => new()
    {
        { "", "empty" },
        { "   ", "empty" },
        { new string('n', SessionName.MaxLength + 1), "maximum" },
        { "bad\nname", "control character" },
        { "tab\tname", "control character" },
        { ".", "URL path" },
        { "..", "URL path" },
    };

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task Invalid_session_names_are_refused_clearly(string name, string reason)
    {
        // Orleans itself refuses an empty key in GetGrain; every other bad name is refused by the grain.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Session(name).QueryAsync("hi"));

        Assert.Contains(reason, error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.Session(name).GetStatusAsync());
    }

    [Fact]
    public async Task An_empty_prompt_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Session("empty-prompt").QueryAsync(" "));

        Assert.Contains("Prompt must not be empty", error.Message);
    }
}
