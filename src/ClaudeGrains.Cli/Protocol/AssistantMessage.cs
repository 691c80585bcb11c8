using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>An <c>assistant</c> line: one whole model message (text, thinking, tool uses).</summary>
public sealed record AssistantMessage : CliMessage
{
    /// <summary>The message.</summary>
    [JsonPropertyName("message")] public ApiMessage Message { get; init; } = new();

    /// <summary>Set when the message belongs to a sub-agent's tool use.</summary>
    [JsonPropertyName("parent_tool_use_id")] public string? ParentToolUseId { get; init; }

    /// <summary>Every other field, kept as JSON.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The text blocks, joined.</summary>
    [JsonIgnore] public string Text => string.Concat(Message.Content.OfType<TextBlock>().Select(b => b.Text));
}
