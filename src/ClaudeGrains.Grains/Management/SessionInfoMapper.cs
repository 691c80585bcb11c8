namespace ClaudeGrains.Grains.Management;

/// <summary>Builds the manager's view of a session from its status and options.</summary>
internal static class SessionInfoMapper
{
    public static SessionInfo From(SessionStatus status, SessionOptions options) => new()
    {
        Name = status.Name,
        State = status.State,
        Silo = status.Silo,
        ProcessId = status.ProcessId,
        Alive = status.ProcessId is not null,
        CreatedAt = status.CreatedAt,
        StartedAt = status.ProcessStartedAt,
        LastActiveAt = status.LastActiveAt,
        QueueLength = status.QueueLength,
        Counters = status.Counters,
        LastError = status.LastFailure,
        OptionsSummary = Summarize(options),
    };

    /// <summary>A short description of the options that matter most to an operator.</summary>
    public static string Summarize(SessionOptions options)
    {
        var parts = new List<string> { $"model={options.Model ?? "default"}" };
        if (options.PermissionMode is { } mode)
        {
            parts.Add($"permissions={mode}");
        }

        if (options.AllowedTools is { Count: > 0 } allowed)
        {
            parts.Add($"tools={string.Join(',', allowed)}");
        }

        if (options.MaxTurns is { } turns)
        {
            parts.Add($"max-turns={turns}");
        }

        if (options.SystemPrompt is not null || options.AppendSystemPrompt is not null)
        {
            parts.Add("custom-prompt");
        }

        return string.Join(' ', parts);
    }
}
