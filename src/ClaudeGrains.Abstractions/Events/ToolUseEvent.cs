namespace ClaudeGrains;

/// <summary>The model asked to run a tool.</summary>
[GenerateSerializer, Immutable]
public sealed record ToolUseEvent : ClaudeEvent
{
    /// <summary>The tool-use id, matched by the <see cref="ToolResultEvent"/>.</summary>
    [Id(0)] public string ToolUseId { get; init; } = "";

    /// <summary>The tool name.</summary>
    [Id(1)] public string Name { get; init; } = "";

    /// <summary>The tool input as JSON.</summary>
    [Id(2)] public string InputJson { get; init; } = "{}";
}
