namespace ClaudeGrains;

/// <summary>
/// Options of one session, turned into the <c>claude</c> command line. Every property is optional;
/// <see langword="null"/> leaves the CLI's default. Call <see cref="Validate"/> to check them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SessionOptions
{
    /// <summary>Replaces the default system prompt (<c>--system-prompt</c>).</summary>
    [Id(0)] public string? SystemPrompt { get; init; }

    /// <summary>Appended to the default system prompt (<c>--append-system-prompt</c>).</summary>
    [Id(1)] public string? AppendSystemPrompt { get; init; }

    /// <summary>Model alias or full name (<c>--model</c>).</summary>
    [Id(2)] public string? Model { get; init; }

    /// <summary>Model used when the main one is overloaded (<c>--fallback-model</c>).</summary>
    [Id(3)] public string? FallbackModel { get; init; }

    /// <summary>Maximum agentic turns per query (<c>--max-turns</c>); at least 1.</summary>
    [Id(4)] public int? MaxTurns { get; init; }

    /// <summary>
    /// Maximum spend of the session's CLI process in US dollars (<c>--max-budget-usd</c>); greater than 0. The CLI
    /// counts from its start, so this bounds the queries one process answers (from its start until it restarts or
    /// the session hibernates), not each query: once reached, queries end with <c>error_max_budget_usd</c>.
    /// </summary>
    [Id(5)] public decimal? MaxBudgetUsd { get; init; }

    /// <summary>Tools allowed without asking (<c>--allowedTools</c>), e.g. <c>Read</c> or <c>Bash(git:*)</c>.</summary>
    [Id(6)] public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>Tools the model may not use (<c>--disallowedTools</c>).</summary>
    [Id(7)] public IReadOnlyList<string>? DisallowedTools { get; init; }

    /// <summary>Extra directories the tools may access (<c>--add-dir</c>).</summary>
    [Id(8)] public IReadOnlyList<string>? AdditionalDirectories { get; init; }

    /// <summary>Permission mode (<c>--permission-mode</c>).</summary>
    [Id(9)] public PermissionMode? PermissionMode { get; init; }

    /// <summary>Working directory of the CLI process; must be an absolute path. Defaults to the silo's data root.</summary>
    [Id(10)] public string? WorkingDirectory { get; init; }

    /// <summary>
    /// MCP server configuration as a JSON object (<c>--mcp-config</c>). The CLI gets it in a file that only the silo's
    /// user can read, for as long as the process lives, rather than on its command line, which every local user can
    /// read: servers' tokens and headers stay private.
    /// </summary>
    [Id(11)] public string? McpConfigJson { get; init; }

    /// <summary>
    /// Which settings files the CLI loads (<c>--setting-sources</c>): <c>user</c>, <c>project</c>, <c>local</c>. Empty
    /// loads none; <see langword="null"/> leaves the CLI's default, which loads all three (project hooks included).
    /// </summary>
    [Id(12)] public IReadOnlyList<string>? SettingSources { get; init; }

    /// <summary>Longest a query may run before it is interrupted; defaults to the silo's configured timeout.</summary>
    [Id(13)] public TimeSpan? QueryTimeout { get; init; }

    /// <summary>Further CLI arguments, appended verbatim as separate argv entries (never through a shell).</summary>
    [Id(14)] public IReadOnlyList<string>? ExtraArgs { get; init; }

    /// <summary>
    /// Longest the CLI may write nothing during a query before it is interrupted and restarted (a hang); defaults to
    /// the silo's setting (off unless configured). Tools that run long without output need a generous value.
    /// </summary>
    [Id(15)] public TimeSpan? InactivityTimeout { get; init; }

    /// <summary>Time without a query after which the session stops its CLI process (hibernates); defaults to the silo's setting.</summary>
    [Id(16)] public TimeSpan? IdleTimeout { get; init; }

    /// <summary>The longest <see cref="QueryTimeout"/>, <see cref="InactivityTimeout"/> or <see cref="IdleTimeout"/> accepted: one day.</summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The most UTF-8 bytes of <see cref="SystemPrompt"/>, <see cref="AppendSystemPrompt"/>, <see cref="McpConfigJson"/>
    /// or one entry of <see cref="ExtraArgs"/>, <see cref="AllowedTools"/>, <see cref="DisallowedTools"/> or
    /// <see cref="AdditionalDirectories"/>: each but the MCP configuration is one argument of the CLI's command line,
    /// and Linux refuses to start a process with an argument over 128 KiB; the MCP configuration is held to the same.
    /// </summary>
    public const int MaxArgumentBytes = 128_000;

    /// <summary>The accepted <see cref="SettingSources"/> values.</summary>
    public static IReadOnlyList<string> KnownSettingSources { get; } = ["user", "project", "local"];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        var error = SessionOptionsValidator.GetError(this);
        if (error is not null)
        {
            throw new ArgumentException(error.Value.Message, error.Value.Field);
        }
    }

    /// <inheritdoc />
    public bool Equals(SessionOptions? other) => SessionOptionsEquality.AreEqual(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => SessionOptionsEquality.GetHashCode(this);
}
