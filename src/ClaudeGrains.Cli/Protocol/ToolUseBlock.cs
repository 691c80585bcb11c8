using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>tool_use</c> block: the model asks to run a tool.</summary>
public sealed record ToolUseBlock : ContentBlock
{
    /// <summary>The tool-use id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>The tool name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>The tool input.</summary>
    [JsonPropertyName("input")] public JsonElement Input { get; init; }
}
