namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Two silos on the real CLI, with one session defined in configuration (each silo registers it at start).</summary>
public sealed class TwoSiloCluster : ClusterFixture
{
    public const string ConfiguredSession = "configured/assistant";

    protected override int SiloCount => 2;

    protected override bool ExternalClients => true;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings[$"ClaudeGrains:Sessions:{ConfiguredSession}:AppendSystemPrompt"] = "You are configured.";
        settings["ClaudeGrains:Defaults:MaxTurns"] = "4";
    }
}
