using ClaudeGrains.Cli.Transport;

namespace ClaudeGrains.Grains.Hosting;

/// <summary>How the silo runs the CLI (configuration section <c>ClaudeGrains:Cli</c>).</summary>
public sealed class ClaudeCliHostOptions
{
    /// <summary>
    /// The <c>claude</c> executable. When set, only this path is used; otherwise the pinned
    /// <c>node_modules/.bin/claude</c> (searched from the current and application directories upwards), then PATH.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Longest stdout line accepted from the CLI, in bytes; a longer one fails the query. Default 64 MiB.</summary>
    public int MaxLineBytes { get; set; } = ClaudeCliProcessOptions.DefaultMaxLineBytes;

    /// <summary>How much of the CLI's stderr error messages quote, in characters. Default 4096.</summary>
    public int StderrTailChars { get; set; } = 4096;

    /// <summary>Time a stopping CLI gets after stdin closes to write its transcript and exit. Default 5 s.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a stopping CLI gets after SIGTERM before its process tree is killed. Default 2 s.</summary>
    public TimeSpan TerminateGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Extra environment variables for every CLI process (e.g. <c>CLAUDE_CODE_MAX_RETRIES</c>, proxy settings).
    /// Values are never logged.
    /// </summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Time an interrupted query gets to report its result before the process is killed. Default 5 s.</summary>
    public TimeSpan InterruptGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the host's threads yield the CPU to the CLI processes (Linux only): as the silo starts, every thread of
    /// the host process moves to the <c>SCHED_BATCH</c> policy, so a silo thread woken by a CLI's output waits for the
    /// running CLI's time slice to end instead of preempting it, while CLI processes still start under the normal
    /// policy. The host keeps its share of the CPU. Off by default because it changes the whole host process (an
    /// application that embeds a silo included); the silo host (<c>silo/</c>) turns it on.
    /// </summary>
    public bool YieldCpuToCli { get; set; }
}
