namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// A <see cref="WarmUpPoolCluster"/> (pooled processes to warm up, the silo's log captured) whose processes are run
/// by the fault CLI refusing that request, as a CLI that does not know it would, for as long as the test wants
/// (<see cref="RefuseWarmUps"/>).
/// </summary>
public sealed class RefusedWarmUpPoolCluster : WarmUpPoolCluster
{
    private FaultSwitch Refusing => new(Path.Combine(DataRoot, "refuse-warm-up"));

    /// <summary>
    /// The fault CLI's arguments for it, also the pool's defaults: a session matches the pool only with them too.
    /// </summary>
    public IReadOnlyList<string> ProfileArgs => ["--fault-refuse-control=get_context_usage", $"--fault-refuse-control-while={Refusing.Path}"];

    /// <summary>Whether CLI processes refuse the warm-up from now on (they do when the cluster starts).</summary>
    public void RefuseWarmUps(bool refuse) => Refusing.Set(refuse);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        RefuseWarmUps(true);
        UseFaultCli(settings, ProfileArgs);
    }
}
