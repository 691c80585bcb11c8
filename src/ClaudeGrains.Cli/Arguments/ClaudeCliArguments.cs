namespace ClaudeGrains.Cli.Arguments;

/// <summary>
/// What goes on the <c>claude</c> command line for one session, in CLI terms. Every property is optional;
/// <see langword="null"/> or empty leaves the CLI's default, except <see cref="SettingSources"/>.
/// </summary>
public sealed record ClaudeCliArguments
{
    /// <summary><c>--system-prompt</c>.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary><c>--append-system-prompt</c>.</summary>
    public string? AppendSystemPrompt { get; init; }

    /// <summary><c>--model</c>.</summary>
    public string? Model { get; init; }

    /// <summary><c>--fallback-model</c>.</summary>
    public string? FallbackModel { get; init; }

    /// <summary><c>--max-turns</c>.</summary>
    public int? MaxTurns { get; init; }

    /// <summary><c>--max-budget-usd</c>.</summary>
    public decimal? MaxBudgetUsd { get; init; }

    /// <summary><c>--allowedTools</c>, one entry per tool.</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary><c>--disallowedTools</c>, one entry per tool.</summary>
    public IReadOnlyList<string>? DisallowedTools { get; init; }

    /// <summary><c>--add-dir</c>, one entry per directory.</summary>
    public IReadOnlyList<string>? AdditionalDirectories { get; init; }

    /// <summary><c>--permission-mode</c>, in the CLI's spelling (<c>acceptEdits</c>, <c>plan</c>, ...).</summary>
    public string? PermissionMode { get; init; }

    /// <summary>
    /// <c>--mcp-config</c>: the path of a file holding the JSON object, or the JSON itself. A file keeps what the
    /// configuration holds (servers' tokens and headers) off the command line, which every local user can read.
    /// </summary>
    public string? McpConfig { get; init; }

    /// <summary>
    /// <c>--setting-sources</c>, joined with commas. Empty loads no settings files; <see langword="null"/> leaves the
    /// CLI's default, which loads them all.
    /// </summary>
    public IReadOnlyList<string>? SettingSources { get; init; }

    /// <summary><c>--resume</c>: the conversation to continue.</summary>
    public string? ResumeSessionId { get; init; }

    /// <summary>Appended verbatim, each as its own argv entry.</summary>
    public IReadOnlyList<string>? ExtraArgs { get; init; }
}
