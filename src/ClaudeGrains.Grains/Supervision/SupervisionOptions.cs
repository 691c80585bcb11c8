namespace ClaudeGrains.Grains.Supervision;

/// <summary>How sessions recover from CLI failures and when they hibernate (configuration <c>ClaudeGrains:Supervision</c>).</summary>
public sealed class SupervisionOptions
{
    /// <summary>Delay before the first restart after a failure; doubles with each further failure. Default 100 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between restarts. Default 10 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>More failures than this within <see cref="RestartWindow"/> fault the session. Default 5.</summary>
    public int MaxRestarts { get; set; } = 5;

    /// <summary>The window in which <see cref="MaxRestarts"/> is counted. Default 60 s.</summary>
    public TimeSpan RestartWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a faulted session refuses queries before it tries again. Default 5 min.</summary>
    public TimeSpan FaultedCooldown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Idle time after which a session stops its CLI process, unless the session sets its own. Default 5 min.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Silence during a query after which the CLI counts as hung, unless the session sets its own. Default off.</summary>
    public TimeSpan? InactivityTimeout { get; set; }

    /// <summary>
    /// Most CLI processes alive at once on this silo. Default: available memory / 300 MB (at least 1). At the cap,
    /// a start hibernates the least recently used idle session, or waits when every live session is busy.
    /// </summary>
    public int? MaxLiveProcesses { get; set; }

    /// <summary>Most starts waiting for a slot at once; one more fails at once with a capacity error. Default 100.</summary>
    public int MaxWaitingStarts { get; set; } = 100;

    /// <summary>Longest a start waits for a slot before it fails with a capacity error. Default 30 s.</summary>
    public TimeSpan CapacityWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <see cref="MaxLiveProcesses"/> in force: the configured value, or one per 300 MB of available memory.</summary>
    public int EffectiveMaxLiveProcesses =>
        MaxLiveProcesses ?? (int)Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (300L * 1024 * 1024));
}
