using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>
/// Reads message content: a plain string becomes one text block; array elements are dispatched on their
/// <c>type</c>, and unknown types are kept as <see cref="UnknownContentBlock"/> instead of failing the line.
/// </summary>
public sealed class ContentBlockListJsonConverter : JsonConverter<IReadOnlyList<ContentBlock>>
{
    /// <inheritdoc />
    public override IReadOnlyList<ContentBlock> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return [];
            case JsonTokenType.String:
                return [new TextBlock { Type = "text", Text = reader.GetString() ?? "" }];
            case JsonTokenType.StartArray:
                break;
            default:
                throw new JsonException($"Message content must be a string or an array, not {reader.TokenType}.");
        }

        var blocks = new List<ContentBlock>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            blocks.Add(ReadBlock(document.RootElement));
        }

        return blocks;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ContentBlock> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var block in value)
        {
            switch (block)
            {
                case TextBlock text: JsonSerializer.Serialize(writer, text, CliJsonContext.Default.TextBlock); break;
                case ThinkingBlock thinking: JsonSerializer.Serialize(writer, thinking, CliJsonContext.Default.ThinkingBlock); break;
                case ToolUseBlock toolUse: JsonSerializer.Serialize(writer, toolUse, CliJsonContext.Default.ToolUseBlock); break;
                case ToolResultBlock toolResult: JsonSerializer.Serialize(writer, toolResult, CliJsonContext.Default.ToolResultBlock); break;
                case UnknownContentBlock unknown: writer.WriteRawValue(unknown.RawJson); break;
            }
        }

        writer.WriteEndArray();
    }

    private static ContentBlock ReadBlock(JsonElement element)
    {
        var type = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
        return type switch
        {
            "text" => element.Deserialize(CliJsonContext.Default.TextBlock)!,
            "thinking" => element.Deserialize(CliJsonContext.Default.ThinkingBlock)!,
            "tool_use" => element.Deserialize(CliJsonContext.Default.ToolUseBlock)!,
            "tool_result" => element.Deserialize(CliJsonContext.Default.ToolResultBlock)!,
            _ => new UnknownContentBlock { Type = type ?? "", RawJson = element.GetRawText() },
        };
    }
}
