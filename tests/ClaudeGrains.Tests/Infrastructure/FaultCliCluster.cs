using ClaudeGrains.Testing;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>A cluster whose CLI is the fault-injection CLI, with short grace periods so faults resolve quickly.</summary>
public sealed class FaultCliCluster : ClusterFixture
{
    /// <summary>The stdout line limit of this cluster: above the 20 MiB line the fault CLI writes by default.</summary>
    public const int MaxLineBytes = 32 * 1024 * 1024;

    /// <summary>Failures within the restart window that a session survives.</summary>
    public const int MaxRestarts = 3;

    /// <summary>The longest a restart waits after failures (the first waits 50 ms).</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(200);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        // The silo runs in this process; the child must not inherit this marker of a nested Claude Code.
        Environment.SetEnvironmentVariable("CLAUDECODE", "1");
        settings["ClaudeGrains:Cli:Path"] = RepositoryPaths.FaultCli;
        settings["ClaudeGrains:Cli:MaxLineBytes"] = MaxLineBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["ClaudeGrains:Cli:ShutdownGracePeriod"] = "00:00:01";
        settings["ClaudeGrains:Cli:TerminateGracePeriod"] = "00:00:01";
        settings["ClaudeGrains:Cli:InterruptGracePeriod"] = "00:00:01";
        settings["ClaudeGrains:Supervision:InitialBackoff"] = "00:00:00.050";
        settings["ClaudeGrains:Supervision:MaxBackoff"] = MaxBackoff.ToString();
        // Far longer than any test: events between a query's first delta and its end reach subscribers only with the
        // end, which shows that those two are never held back for a batch (Streaming/StreamBatchingTests).
        settings["ClaudeGrains:Streams:BatchInterval"] = "00:10:00";
        settings["ClaudeGrains:Supervision:MaxRestarts"] = MaxRestarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[TestSiloConfigurator.CaptureLogs] = "true";

        // The key comes the other documented way here, through the CLI's environment settings: it must reach the CLI
        // (FaultInjectionTests' report) and be kept out of errors (its leaked-key test) like ClaudeGrains:ApiKey.
        settings.Remove("ClaudeGrains:ApiKey");
        settings["ClaudeGrains:Cli:Environment:ANTHROPIC_API_KEY"] = TestApiKey;
    }
}
