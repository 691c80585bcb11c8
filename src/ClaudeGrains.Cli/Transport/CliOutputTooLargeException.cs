namespace ClaudeGrains.Cli.Transport;

/// <summary>The CLI wrote a stdout line longer than <see cref="ClaudeCliProcessOptions.MaxLineBytes"/>.</summary>
public sealed class CliOutputTooLargeException(long maxLineBytes)
    : Exception($"The CLI wrote an output line longer than the maximum of {maxLineBytes} bytes (ClaudeGrains:Cli:MaxLineBytes); the process was stopped.")
{
    /// <summary>The limit that was exceeded.</summary>
    public long MaxLineBytes { get; } = maxLineBytes;
}
