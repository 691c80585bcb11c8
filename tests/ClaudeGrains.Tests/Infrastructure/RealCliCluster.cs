namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>The default cluster: real CLI, fake API, an API key, and one session defined in configuration.</summary>
public sealed class RealCliCluster : ClusterFixture
{
    public const string ConfiguredSession = "configured_reviewer";
    public const string ConfiguredSystemPrompt = "You are the configured reviewer.";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings[$"ClaudeGrains:Sessions:{ConfiguredSession}:SystemPrompt"] = ConfiguredSystemPrompt;
        settings[$"ClaudeGrains:Sessions:{ConfiguredSession}:Model"] = "claude-configured-model";
        settings[$"ClaudeGrains:Sessions:{ConfiguredSession}:DisallowedTools:0"] = "Bash";

        // The tests run as root (CI does), where the CLI allows bypassed permissions only in a sandbox it is told of.
        settings["ClaudeGrains:Cli:Environment:IS_SANDBOX"] = "1";
    }
}
