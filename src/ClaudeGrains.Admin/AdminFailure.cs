namespace ClaudeGrains.Admin;

/// <summary>A failure the tool reports in one line and exits 1 for.</summary>
public sealed class AdminFailure(string message) : Exception(message);
