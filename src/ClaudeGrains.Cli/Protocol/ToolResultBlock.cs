using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>tool_result</c> block: a tool's output going back to the model.</summary>
public sealed record ToolResultBlock : ContentBlock
{
    /// <summary>The id of the tool use this answers.</summary>
    [JsonPropertyName("tool_use_id")] public string ToolUseId { get; init; } = "";

    /// <summary>The output: a string or an array of blocks.</summary>
    [JsonPropertyName("content")] public JsonElement Content { get; init; }

    /// <summary>Whether the tool failed.</summary>
    [JsonPropertyName("is_error")] public bool? IsError { get; init; }

    /// <summary>The output as text: the string, the joined text blocks, or the raw JSON otherwise.</summary>
    [JsonIgnore]
    public string ContentText => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString() ?? "",
        JsonValueKind.Array => string.Concat(Content.EnumerateArray()
            .Where(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            .Select(b => b.GetProperty("text").GetString())),
        JsonValueKind.Undefined or JsonValueKind.Null => "",
        _ => Content.GetRawText(),
    };
}
