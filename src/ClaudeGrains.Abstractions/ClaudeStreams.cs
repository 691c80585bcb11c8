namespace ClaudeGrains;

/// <summary>
/// Names of the Orleans stream on which every session publishes its events. Subscribe with
/// <c>StreamId.Create(ClaudeStreams.SessionEventsNamespace, sessionName)</c> on provider <see cref="ProviderName"/>.
/// </summary>
public static class ClaudeStreams
{
    /// <summary>The stream provider name registered by <c>AddClaudeGrains</c>.</summary>
    public const string ProviderName = "ClaudeGrains";

    /// <summary>The stream namespace; the stream key is the session name.</summary>
    public const string SessionEventsNamespace = "claude-session";
}
