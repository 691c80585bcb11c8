using ClaudeGrains.Cli.Arguments;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>Translates a session's <see cref="SessionOptions"/> into CLI terms.</summary>
internal static class SessionOptionsMapper
{
    /// <param name="options">The session's options.</param>
    /// <param name="resumeSessionId">The conversation to resume, if any.</param>
    /// <param name="mcpConfigFile">The file holding <see cref="SessionOptions.McpConfigJson"/>, passed instead of the JSON.</param>
    public static ClaudeCliArguments ToCliArguments(SessionOptions options, string? resumeSessionId, string? mcpConfigFile = null) => new()
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
        McpConfig = options.McpConfigJson is null ? null : mcpConfigFile ?? options.McpConfigJson,
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
