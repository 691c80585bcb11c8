namespace ClaudeGrains.Cli.Protocol;

/// <summary>A content block of a type this version does not know; kept whole.</summary>
public sealed record UnknownContentBlock : ContentBlock
{
    /// <summary>The whole block.</summary>
    public string RawJson { get; init; } = "";
}
