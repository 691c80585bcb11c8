using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>stream_event</c> line (with <c>--include-partial-messages</c>): one raw API streaming event.</summary>
public sealed record StreamEventMessage : CliMessage
{
    /// <summary>The API event (<c>message_start</c>, <c>content_block_delta</c>, ...).</summary>
    [JsonPropertyName("event")] public JsonElement Event { get; init; }

    /// <summary>Set when the event belongs to a sub-agent's tool use.</summary>
    [JsonPropertyName("parent_tool_use_id")] public string? ParentToolUseId { get; init; }

    /// <summary>The API event type.</summary>
    [JsonIgnore] public string? EventType => GetString(Event, "type");

    /// <summary>For a <c>content_block_delta</c>, the delta type (<c>text_delta</c>, <c>thinking_delta</c>, ...).</summary>
    [JsonIgnore]
    public string? DeltaType => EventType == "content_block_delta" && Event.TryGetProperty("delta", out var delta) ? GetString(delta, "type") : null;

    /// <summary>The new text of a <c>text_delta</c>, or <see langword="null"/>.</summary>
    [JsonIgnore] public string? TextDelta => DeltaType == "text_delta" ? GetString(Event.GetProperty("delta"), "text") : null;

    /// <summary>The new thinking of a <c>thinking_delta</c>, or <see langword="null"/>.</summary>
    [JsonIgnore] public string? ThinkingDelta => DeltaType == "thinking_delta" ? GetString(Event.GetProperty("delta"), "thinking") : null;

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
