using ClaudeGrains.Cli.Arguments;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>Translates a session's <see cref="SessionOptions"/> into CLI terms.</summary>
internal static class SessionOptionsMapper
{
    public static ClaudeCliArguments ToCliArguments(SessionOptions options, string? resumeSessionId) => new()
    {
        SystemPrompt = options.SystemPrompt,
        AppendSystemPrompt = options.AppendSystemPrompt,
        Model = options.Model,
        FallbackModel = options.FallbackModel,
        MaxTurns = options.MaxTurns,
        MaxBudgetUsd = options.MaxBudgetUsd,
        AllowedTools = options.AllowedTools,
        DisallowedTools = options.DisallowedTools,
        AdditionalDirectories = options.AdditionalDirectories,
        PermissionMode = ToCliPermissionMode(options.PermissionMode),
        McpConfigJson = options.McpConfigJson,
        SettingSources = options.SettingSources,
        ResumeSessionId = resumeSessionId,
        ExtraArgs = options.ExtraArgs,
    };

    public static string? ToCliPermissionMode(PermissionMode? mode) => mode switch
    {
        null => null,
        PermissionMode.Default => "default",
        PermissionMode.AcceptEdits => "acceptEdits",
        PermissionMode.Plan => "plan",
        PermissionMode.BypassPermissions => "bypassPermissions",
        PermissionMode.DontAsk => "dontAsk",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown permission mode."),
    };
}
