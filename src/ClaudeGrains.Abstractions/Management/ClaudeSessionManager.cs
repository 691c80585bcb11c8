namespace ClaudeGrains;

/// <summary>Well-known names of the session manager.</summary>
public static class ClaudeSessionManager
{
    /// <summary>The key of the one <see cref="IClaudeSessionManagerGrain"/>.</summary>
    public const string Key = "sessions";
}
