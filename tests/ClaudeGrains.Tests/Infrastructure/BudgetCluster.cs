using ClaudeGrains.Testing;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>A fault-CLI cluster whose silo may keep only <see cref="MaxLiveProcesses"/> CLI processes alive.</summary>
public sealed class BudgetCluster : ClusterFixture
{
    public const int MaxLiveProcesses = 3;

    public const int MaxWaitingStarts = 7;

    /// <summary>Low, so that a test shows in a few refusals that they are not counted as CLI failures.</summary>
    public const int MaxRestarts = 1;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ClaudeGrains:Cli:Path"] = RepositoryPaths.FaultCli;
        settings["ClaudeGrains:Cli:ShutdownGracePeriod"] = "00:00:01";
        settings["ClaudeGrains:Supervision:MaxLiveProcesses"] = MaxLiveProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["ClaudeGrains:Supervision:MaxWaitingStarts"] = MaxWaitingStarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["ClaudeGrains:Supervision:CapacityWaitTimeout"] = "00:00:03";
        settings["ClaudeGrains:Supervision:MaxRestarts"] = MaxRestarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Shorter than the queries that hold a slot here (~7 s) take: their callers must wait for the answer anyway,
        // however long the default response timeout of a client is.
        settings[TestClientConfigurator.ResponseTimeout] = "00:00:03";
    }
}
