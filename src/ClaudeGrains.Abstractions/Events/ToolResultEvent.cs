namespace ClaudeGrains;

/// <summary>A tool finished and its output went back to the model.</summary>
[GenerateSerializer, Immutable]
public sealed record ToolResultEvent : ClaudeEvent
{
    /// <summary>The id of the <see cref="ToolUseEvent"/> this answers.</summary>
    [Id(0)] public string ToolUseId { get; init; } = "";

    /// <summary>The tool output (text, or JSON for structured content).</summary>
    [Id(1)] public string Content { get; init; } = "";

    /// <summary>Whether the tool failed.</summary>
    [Id(2)] public bool IsError { get; init; }
}
