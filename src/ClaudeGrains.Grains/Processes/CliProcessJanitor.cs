using ClaudeGrains.Cli.Transport;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Grains.Processes;

/// <summary>
/// Makes sure no CLI process of this silo's data root outlives the silo: at start it kills those left by a silo
/// that died hard, and at the very end of shutdown (after grains deactivated) it kills any still alive. Either way no
/// process of the silo is left to read an MCP configuration file, so it removes those too.
/// </summary>
internal sealed class CliProcessJanitor(ClaudeCliProcessFactory factory, ILogger<CliProcessJanitor> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(CliProcessJanitor), ServiceLifecycleStage.RuntimeInitialize, _ => Reap("left by an earlier silo"), _ => Reap("still alive at shutdown"));
    }

    private Task Reap(string why)
    {
        var killed = ProcessReaper.KillTagged(factory.ProcessTagPrefix + ":", prefixMatch: true);
        if (killed > 0)
        {
            logger.LogWarning("Killed {Count} CLI process(es) {Why} (data directory {DataDirectory})", killed, why, factory.SiloDataDirectory);
        }

        var removed = factory.McpConfigFiles.DeleteAll();
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} MCP configuration file(s) {Why} from {Directory}", removed, why, factory.McpConfigFiles.Directory);
        }

        return Task.CompletedTask;
    }
}
