using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A tool use the CLI refused for lack of permission.</summary>
public sealed record PermissionDenial
{
    /// <summary>The tool name.</summary>
    [JsonPropertyName("tool_name")] public string ToolName { get; init; } = "";

    /// <summary>The tool-use id.</summary>
    [JsonPropertyName("tool_use_id")] public string? ToolUseId { get; init; }

    /// <summary>The input the model gave the tool.</summary>
    [JsonPropertyName("tool_input")] public JsonElement? ToolInput { get; init; }
}
