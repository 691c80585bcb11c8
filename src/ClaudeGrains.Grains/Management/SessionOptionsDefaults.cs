using ClaudeGrains.Grains.Hosting;

namespace ClaudeGrains.Grains.Management;

/// <summary>Applies <c>ClaudeGrains:Defaults</c> to a session's options: every field the session leaves unset.</summary>
public static class SessionOptionsDefaults
{
    /// <summary>
    /// The options a session runs on when nobody gave it its own: its <c>ClaudeGrains:Sessions</c> entry, if any, over
    /// <c>ClaudeGrains:Defaults</c>.
    /// </summary>
    public static SessionOptions For(string name, ClaudeGrainsOptions options) =>
        Apply(options.Sessions.TryGetValue(name, out var configured) ? configured : new SessionOptions(), options.Defaults);

    /// <summary>The session's options with unset fields taken from <paramref name="defaults"/>.</summary>
    public static SessionOptions Apply(SessionOptions options, SessionOptions? defaults) => defaults is null ? options : new SessionOptions
    {
        SystemPrompt = options.SystemPrompt ?? defaults.SystemPrompt,
        AppendSystemPrompt = options.AppendSystemPrompt ?? defaults.AppendSystemPrompt,
        Model = options.Model ?? defaults.Model,
        FallbackModel = options.FallbackModel ?? defaults.FallbackModel,
        MaxTurns = options.MaxTurns ?? defaults.MaxTurns,
        MaxBudgetUsd = options.MaxBudgetUsd ?? defaults.MaxBudgetUsd,
        AllowedTools = options.AllowedTools ?? defaults.AllowedTools,
        DisallowedTools = options.DisallowedTools ?? defaults.DisallowedTools,
        AdditionalDirectories = options.AdditionalDirectories ?? defaults.AdditionalDirectories,
        PermissionMode = options.PermissionMode ?? defaults.PermissionMode,
        WorkingDirectory = options.WorkingDirectory ?? defaults.WorkingDirectory,
        McpConfigJson = options.McpConfigJson ?? defaults.McpConfigJson,
        SettingSources = options.SettingSources ?? defaults.SettingSources,
        QueryTimeout = options.QueryTimeout ?? defaults.QueryTimeout,
        InactivityTimeout = options.InactivityTimeout ?? defaults.InactivityTimeout,
        IdleTimeout = options.IdleTimeout ?? defaults.IdleTimeout,
        ExtraArgs = options.ExtraArgs ?? defaults.ExtraArgs,
    };
}
