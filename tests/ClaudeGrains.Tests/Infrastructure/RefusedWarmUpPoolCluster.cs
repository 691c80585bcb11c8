using ClaudeGrains.Grains.Processes;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// A <see cref="WarmPoolCluster"/> whose pooled processes are to warm up (<c>WarmPool:WarmUp</c> = <c>ContextUsage</c>),
/// run by the fault CLI refusing that request, as a CLI that does not know it would; the silo's log is captured.
/// </summary>
public sealed class RefusedWarmUpPoolCluster : WarmPoolCluster
{
    /// <summary>The fault CLI's argument for it; in the defaults, so a session matches the pool only with it too.</summary>
    public const string RefuseWarmUp = "--fault-refuse-control=get_context_usage";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["ClaudeGrains:Cli:Path"] = RepositoryPaths.FaultCli;
        settings["ClaudeGrains:WarmPool:WarmUp"] = nameof(WarmPoolWarmUp.ContextUsage);
        settings["ClaudeGrains:Defaults:ExtraArgs:0"] = RefuseWarmUp;
        settings[TestSiloConfigurator.CaptureLogs] = "true";
    }
}
