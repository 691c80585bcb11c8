namespace ClaudeGrains.Cli.Protocol;

/// <summary>A line of a type this version does not know; kept whole so nothing is lost.</summary>
public sealed record UnknownMessage : CliMessage
{
    /// <summary>The whole line.</summary>
    public string RawJson { get; init; } = "";
}
