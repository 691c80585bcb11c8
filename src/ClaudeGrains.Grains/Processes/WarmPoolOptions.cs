namespace ClaudeGrains.Grains.Processes;

/// <summary>The silo's pool of pre-started CLI processes (configuration section <c>ClaudeGrains:WarmPool</c>).</summary>
public sealed class WarmPoolOptions
{
    /// <summary>
    /// How many pre-started CLI processes the silo keeps waiting for new sessions. Default 2; 0 disables the pool.
    /// They count in <c>Supervision:MaxLiveProcesses</c> and are the first to go when a session needs their slot.
    /// </summary>
    public int Size { get; set; } = 2;

    /// <summary>
    /// Longest the hand-over of a pooled process to a session may take (the control requests that apply the
    /// session's options); past it the process is discarded and the session starts its own. Default 10 s, which
    /// also covers a process still booting.
    /// </summary>
    public TimeSpan HandOverTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after a hand-over no replacement is started. A booting CLI takes about a second of CPU; started at
    /// once it would compete with the new session's first turn, which is the very latency the pool exists to cut.
    /// Default 1 s; zero refills at once.
    /// </summary>
    public TimeSpan RefillDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What a pooled process does after booting, before it counts as ready. Default
    /// <see cref="WarmPoolWarmUp.ReloadPlugins"/>, which asks nothing of the API;
    /// <see cref="WarmPoolWarmUp.ContextUsage"/> shortens a new session's first turn further at the cost of
    /// token-counting requests to the API from idle processes.
    /// </summary>
    public WarmPoolWarmUp WarmUp { get; set; } = WarmPoolWarmUp.ReloadPlugins;

    /// <summary>
    /// Longest a warm-up may take. The CLI answers control requests one at a time, so a process still warming up
    /// could not be handed over; one that does not finish in time is discarded and replaced (with backoff). Default 30 s.
    /// </summary>
    public TimeSpan WarmUpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wait before replacing a pooled process that died or failed to start; doubles with each failure in a row. A
    /// hand-over ends the row, and so does <see cref="MaxBackoff"/> passing without a failure. Default 1 s.
    /// </summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait between replacements of failing pooled processes. Also how long a pooled process must live for its
    /// death not to count as a failure, and how long without a failure ends a row of them. Default 5 min.
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
