namespace ClaudeGrains.Cli.Transport;

/// <summary>How to start one CLI process.</summary>
public sealed record ClaudeCliProcessOptions
{
    /// <summary>Default for <see cref="MaxLineBytes"/>: 64 MiB.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024 * 1024;

    /// <summary>The executable.</summary>
    public required string ExecutablePath { get; init; }

    /// <summary>The argument array (never joined into a shell command line).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The working directory; must exist.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Environment changes over the host's environment; a <see langword="null"/> value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Longest stdout line accepted; a longer one fails the process with <see cref="CliOutputTooLargeException"/>.</summary>
    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    /// <summary>How much of the end of stderr is kept for error messages, in characters.</summary>
    public int StderrTailChars { get; init; } = 4096;

    /// <summary>
    /// A tag set in the process's environment (<see cref="ProcessReaper.TagVariable"/>) and inherited by its
    /// children, so the whole tree can be found and reaped even after the root died and its children were re-parented.
    /// </summary>
    public string ProcessTag { get; init; } = ProcessReaper.NewTag("claudegrains");

    /// <summary>Time allowed after SIGTERM before the tree is killed.</summary>
    public TimeSpan TerminateGrace { get; init; } = TimeSpan.FromSeconds(2);
}
