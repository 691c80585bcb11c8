namespace ClaudeGrains;

/// <summary>Names of the grain storage providers ClaudeGrains uses.</summary>
public static class ClaudeStorage
{
    /// <summary>The grain storage that holds session state (options, CLI session id, counters).</summary>
    public const string SessionStateStorageName = "ClaudeSessions";

    /// <summary>The grain storage that the stream provider uses for its subscriptions.</summary>
    public const string PubSubStorageName = "PubSubStore";
}
