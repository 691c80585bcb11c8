namespace ClaudeGrains;

/// <summary>Value equality for <see cref="SessionOptions"/>, comparing list fields element by element.</summary>
internal static class SessionOptionsEquality
{
    public static bool AreEqual(SessionOptions a, SessionOptions? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        return b is not null
            && a.SystemPrompt == b.SystemPrompt
            && a.AppendSystemPrompt == b.AppendSystemPrompt
            && a.Model == b.Model
            && a.FallbackModel == b.FallbackModel
            && a.MaxTurns == b.MaxTurns
            && a.MaxBudgetUsd == b.MaxBudgetUsd
            && Same(a.AllowedTools, b.AllowedTools)
            && Same(a.DisallowedTools, b.DisallowedTools)
            && Same(a.AdditionalDirectories, b.AdditionalDirectories)
            && a.PermissionMode == b.PermissionMode
            && a.WorkingDirectory == b.WorkingDirectory
            && a.McpConfigJson == b.McpConfigJson
            && Exactly(a.SettingSources, b.SettingSources)
            && a.QueryTimeout == b.QueryTimeout
            && Same(a.ExtraArgs, b.ExtraArgs)
            && a.InactivityTimeout == b.InactivityTimeout
            && a.IdleTimeout == b.IdleTimeout;
    }

    // A missing tool list counts as empty, as in Same: options that are equal must hash alike.
    public static int GetHashCode(SessionOptions o) =>
        HashCode.Combine(o.SystemPrompt, o.AppendSystemPrompt, o.Model, o.MaxTurns, o.PermissionMode, o.WorkingDirectory, o.AllowedTools?.Count ?? 0);

    // An empty list and a missing one produce the same command line, so they are equal.
    private static bool Same(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.SequenceEqual(b);

    // For a list whose empty value is a flag of its own (no setting sources), so not the same as a missing one.
    private static bool Exactly(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);
}
