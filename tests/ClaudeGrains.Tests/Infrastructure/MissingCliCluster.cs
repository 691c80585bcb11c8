namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>A cluster whose configured CLI path does not exist.</summary>
public sealed class MissingCliCluster : ClusterFixture
{
    public string MissingPath => Path.Combine(DataRoot, "no-such-dir", "claude");

    protected override void Configure(IDictionary<string, string?> settings) => settings["ClaudeGrains:Cli:Path"] = MissingPath;
}
