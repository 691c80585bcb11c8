namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>A cluster whose silo has no API key, for the CLI's own authentication failure.</summary>
public sealed class NoApiKeyCluster : ClusterFixture
{
    // An empty key means "none", even when the test machine has ANTHROPIC_API_KEY set.
    protected override void Configure(IDictionary<string, string?> settings) => settings["ClaudeGrains:ApiKey"] = "";
}
