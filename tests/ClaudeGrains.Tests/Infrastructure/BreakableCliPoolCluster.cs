using System.Globalization;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// A <see cref="WarmPoolCluster"/> run by the fault CLI, whose processes exit as they start for as long as the test
/// wants (<see cref="BreakCli"/>; broken when the cluster starts), with backoffs short enough to watch.
/// </summary>
public sealed class BreakableCliPoolCluster : WarmPoolCluster
{
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Also how long a pooled process must live for its death not to count, so it is well above the fault CLI's boot
    /// (a tenth of a second) on a busy machine.
    /// </summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(3);

    private FaultSwitch Broken => new(Path.Combine(DataRoot, "exit-at-start"));

    /// <summary>Whether CLI processes exit as they start from now on (they do when the cluster starts).</summary>
    public void BreakCli(bool broken) => Broken.Set(broken);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        BreakCli(true);
        UseFaultCli(settings, ["--fault-exit-at-start=3", $"--fault-exit-at-start-while={Broken.Path}"]);
        settings["ClaudeGrains:WarmPool:InitialBackoff"] = InitialBackoff.ToString("c", CultureInfo.InvariantCulture);
        settings["ClaudeGrains:WarmPool:MaxBackoff"] = MaxBackoff.ToString("c", CultureInfo.InvariantCulture);
    }
}
