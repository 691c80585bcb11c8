using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>user</c> line: usually tool results the CLI sent back to the model.</summary>
public sealed record UserMessage : CliMessage
{
    /// <summary>The message.</summary>
    [JsonPropertyName("message")] public ApiMessage Message { get; init; } = new();

    /// <summary>Set when the message belongs to a sub-agent's tool use.</summary>
    [JsonPropertyName("parent_tool_use_id")] public string? ParentToolUseId { get; init; }

    /// <summary>Every other field, kept as JSON.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
