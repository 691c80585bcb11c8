using System.Globalization;

namespace ClaudeGrains.Cli.Arguments;

/// <summary>Turns <see cref="ClaudeCliArguments"/> into the argv of a long-lived stream-json <c>claude</c> process.</summary>
public static class ClaudeCliArgumentBuilder
{
    /// <summary>The fixed arguments that make the CLI speak bidirectional stream-json.</summary>
    public static IReadOnlyList<string> StreamJsonArguments { get; } =
    [
        "-p",
        "--input-format", "stream-json",
        "--output-format", "stream-json",
        "--verbose",
        "--include-partial-messages",
    ];

    /// <summary>
    /// Builds the argument array. Every value is passed as <c>--flag=value</c> so a value that begins with
    /// <c>-</c> can never be taken for a flag, and list options repeat the flag once per item.
    /// </summary>
    public static IReadOnlyList<string> Build(ClaudeCliArguments arguments)
    {
        var argv = new List<string>(StreamJsonArguments);
        Add(argv, "--system-prompt", arguments.SystemPrompt);
        Add(argv, "--append-system-prompt", arguments.AppendSystemPrompt);
        Add(argv, "--model", arguments.Model);
        Add(argv, "--fallback-model", arguments.FallbackModel);
        Add(argv, "--max-turns", arguments.MaxTurns?.ToString(CultureInfo.InvariantCulture));
        Add(argv, "--max-budget-usd", arguments.MaxBudgetUsd?.ToString(CultureInfo.InvariantCulture));
        AddEach(argv, "--allowedTools", arguments.AllowedTools);
        AddEach(argv, "--disallowedTools", arguments.DisallowedTools);
        AddEach(argv, "--add-dir", arguments.AdditionalDirectories);
        Add(argv, "--permission-mode", arguments.PermissionMode);
        Add(argv, "--mcp-config", arguments.McpConfig);
        // Empty is not unset: the CLI takes an empty value as "no settings files", as the Agent SDKs pass it, while
        // without the flag it loads every settings file, project hooks (shell commands) included.
        if (arguments.SettingSources is { } sources)
        {
            Add(argv, "--setting-sources", string.Join(',', sources));
        }

        Add(argv, "--resume", arguments.ResumeSessionId);
        if (arguments.ExtraArgs is { Count: > 0 } extra)
        {
            argv.AddRange(extra);
        }

        return argv;
    }

    private static void Add(List<string> argv, string flag, string? value)
    {
        if (value is not null)
        {
            argv.Add($"{flag}={value}");
        }
    }

    private static void AddEach(List<string> argv, string flag, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        foreach (var value in values)
        {
            Add(argv, flag, value);
        }
    }
}
