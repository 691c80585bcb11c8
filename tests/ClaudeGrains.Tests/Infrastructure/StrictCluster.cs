using ClaudeGrains.Testing;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>A fault-CLI cluster in strict mode: only registered sessions answer.</summary>
public sealed class StrictCluster : ClusterFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ClaudeGrains:Cli:Path"] = RepositoryPaths.FaultCli;
        settings["ClaudeGrains:RequireRegistration"] = "true";
    }
}
