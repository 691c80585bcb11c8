using ClaudeGrains.Testing;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// A <see cref="WarmUpPoolCluster"/> (pooled processes to warm up, the silo's log captured) whose processes are run
/// by the fault CLI refusing that request, as a CLI that does not know it would, for as long as the test wants
/// (<see cref="RefuseWarmUps"/>).
/// </summary>
public sealed class RefusedWarmUpPoolCluster : WarmUpPoolCluster
{
    private string SwitchPath => Path.Combine(DataRoot, "refuse-warm-up");

    /// <summary>
    /// The fault CLI's arguments for it, also the pool's defaults: a session matches the pool only with them too.
    /// </summary>
    public IReadOnlyList<string> ProfileArgs => ["--fault-refuse-control=get_context_usage", $"--fault-refuse-control-while={SwitchPath}"];

    /// <summary>Whether CLI processes refuse the warm-up from now on (they do when the cluster starts).</summary>
    public void RefuseWarmUps(bool refuse)
    {
        if (refuse)
        {
            File.WriteAllText(SwitchPath, "");
        }
        else
        {
            File.Delete(SwitchPath);
        }
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        RefuseWarmUps(true);
        settings["ClaudeGrains:Cli:Path"] = RepositoryPaths.FaultCli;
        for (var i = 0; i < ProfileArgs.Count; i++)
        {
            settings[$"ClaudeGrains:Defaults:ExtraArgs:{i}"] = ProfileArgs[i];
        }
    }
}
