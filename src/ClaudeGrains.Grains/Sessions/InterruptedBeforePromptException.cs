namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// A query was interrupted before its prompt reached a CLI. It never leaves the session: the query ends with an
/// interrupted turn's result instead.
/// </summary>
internal sealed class InterruptedBeforePromptException() : Exception("The query was interrupted before its prompt reached the CLI.");
