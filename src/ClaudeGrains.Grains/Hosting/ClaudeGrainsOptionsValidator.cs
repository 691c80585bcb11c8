using Microsoft.Extensions.Options;

namespace ClaudeGrains.Grains.Hosting;

/// <summary>
/// Refuses silo settings that cannot work when the options are first read (the silo's start), each failure naming its
/// configuration key. Left alone, such a value fails much later and far from its cause: a query timeout beyond what
/// <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> accepts throws inside the session's queue and hangs it.
/// </summary>
internal sealed class ClaudeGrainsOptionsValidator : IValidateOptions<ClaudeGrainsOptions>
{
    // One bound for every duration, the sessions' own: far within what timers, delays and cancellation accept (~49.7
    // days), and none of these settings is of use beyond a day.
    private static readonly TimeSpan MaxDuration = SessionOptions.MaxTimeout;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClaudeGrainsOptions options)
    {
        var errors = Settings(options).Concat(Sessions(options)).OfType<string>().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string?> Settings(ClaudeGrainsOptions o)
    {
        var supervision = o.Supervision;
        var cli = o.Cli;
        var streams = o.Streams;
        var pool = o.WarmPool;
        return
        [
            Positive("DefaultQueryTimeout", o.DefaultQueryTimeout),
            Positive("Supervision:InitialBackoff", supervision.InitialBackoff),
            Positive("Supervision:MaxBackoff", supervision.MaxBackoff),
            Check("Supervision:MaxRestarts", supervision.MaxRestarts >= 0, "0 (the first failure faults the session) or more", supervision.MaxRestarts),
            Positive("Supervision:RestartWindow", supervision.RestartWindow),
            Positive("Supervision:FaultedCooldown", supervision.FaultedCooldown),
            Positive("Supervision:IdleTimeout", supervision.IdleTimeout),
            supervision.InactivityTimeout is { } inactivity ? Positive("Supervision:InactivityTimeout", inactivity) : null,
            Check("Supervision:MaxLiveProcesses", supervision.MaxLiveProcesses is null or >= 1, "at least 1, or unset (one per 300 MB of memory)", supervision.MaxLiveProcesses),
            Check("Supervision:MaxWaitingStarts", supervision.MaxWaitingStarts >= 0, "0 (a start at the cap fails at once) or more", supervision.MaxWaitingStarts),
            Positive("Supervision:CapacityWaitTimeout", supervision.CapacityWaitTimeout),
            Check("Cli:MaxLineBytes", cli.MaxLineBytes >= 1, "at least 1", cli.MaxLineBytes),
            Check("Cli:StderrTailChars", cli.StderrTailChars >= 0, "0 (quote none) or more", cli.StderrTailChars),
            // Zero grace is a choice: stop or kill at once instead of waiting.
            ZeroOrMore("Cli:ShutdownGracePeriod", cli.ShutdownGracePeriod),
            ZeroOrMore("Cli:TerminateGracePeriod", cli.TerminateGracePeriod),
            ZeroOrMore("Cli:InterruptGracePeriod", cli.InterruptGracePeriod),
            Positive("Streams:PollInterval", streams.PollInterval),
            ZeroOrMore("Streams:BatchInterval", streams.BatchInterval),
            Check("Streams:Queues", streams.Queues >= 1, "at least 1", streams.Queues),
            Check("WarmPool:Size", pool.Size >= 0, "0 (off) or more", pool.Size),
            Positive("WarmPool:HandOverTimeout", pool.HandOverTimeout),
            ZeroOrMore("WarmPool:RefillDelay", pool.RefillDelay),
            Check("WarmPool:WarmUp", Enum.IsDefined(pool.WarmUp), "None, ReloadPlugins or ContextUsage", pool.WarmUp),
            Positive("WarmPool:WarmUpTimeout", pool.WarmUpTimeout),
            Positive("WarmPool:InitialBackoff", pool.InitialBackoff),
            Positive("WarmPool:MaxBackoff", pool.MaxBackoff),
        ];
    }

    private static IEnumerable<string?> Sessions(ClaudeGrainsOptions o)
    {
        yield return o.Defaults is { } defaults ? Session(o, "Defaults", null, defaults) : null;
        foreach (var (name, options) in o.Sessions)
        {
            yield return Session(o, $"Sessions:{name}", SessionName.GetError(name), options);
        }
    }

    private static string? Session(ClaudeGrainsOptions silo, string key, string? nameError, SessionOptions options)
    {
        if (nameError is not null)
        {
            return $"{ClaudeGrainsOptions.SectionName}:{key}: {nameError}";
        }

        try
        {
            silo.ValidateSessionOptions(options);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"{ClaudeGrainsOptions.SectionName}:{key}: {ex.Message}";
        }
    }

    private static string? Positive(string key, TimeSpan value) =>
        Check(key, value > TimeSpan.Zero && value <= MaxDuration, $"greater than zero and at most {MaxDuration}", value);

    private static string? ZeroOrMore(string key, TimeSpan value) =>
        Check(key, value >= TimeSpan.Zero && value <= MaxDuration, $"zero or more and at most {MaxDuration}", value);

    private static string? Check(string key, bool ok, string rule, object? value) =>
        ok ? null : $"{ClaudeGrainsOptions.SectionName}:{key} must be {rule} (was {value}).";
}
