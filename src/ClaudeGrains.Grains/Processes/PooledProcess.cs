using ClaudeGrains.Cli.Transport;

namespace ClaudeGrains.Grains.Processes;

/// <summary>A CLI process held by the <see cref="WarmProcessPool"/>, with the budget slot it holds. Guarded by the pool's lock.</summary>
internal sealed class PooledProcess(ClaudeCliProcess process, string holder, DateTimeOffset startedAt)
{
    public ClaudeCliProcess Process { get; } = process;

    /// <summary>The process budget holder name of its slot.</summary>
    public string Holder { get; } = holder;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Booted (and warmed up, if configured): a hand-over is answered at once.</summary>
    public bool Ready { get; set; }

    /// <summary>Its warm-up request is in flight; the CLI would answer a hand-over only after it.</summary>
    public bool WarmingUp { get; set; }

    /// <summary>How long its warm-up took; null when it had none or the CLI refused it.</summary>
    public TimeSpan? WarmedUpIn { get; set; }
}
