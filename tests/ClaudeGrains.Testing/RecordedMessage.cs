namespace ClaudeGrains.Testing;

/// <summary>One entry of the <c>messages</c> array of a recorded request, reduced to its text.</summary>
/// <param name="Role">The message role as sent: <c>user</c>, <c>assistant</c> or <c>system</c>.</param>
/// <param name="Text">The text blocks of the message joined with newlines; empty when it had none (e.g. only tool results).</param>
public sealed record RecordedMessage(string Role, string Text);
