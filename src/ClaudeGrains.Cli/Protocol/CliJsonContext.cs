using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>Source-generated serializers for the stream-json protocol (no reflection at run time).</summary>
[JsonSourceGenerationOptions(AllowOutOfOrderMetadataProperties = true, NumberHandling = JsonNumberHandling.AllowReadingFromString, MaxDepth = MaxDepth)]
[JsonSerializable(typeof(SystemMessage))]
[JsonSerializable(typeof(AssistantMessage))]
[JsonSerializable(typeof(UserMessage))]
[JsonSerializable(typeof(ResultMessage))]
[JsonSerializable(typeof(StreamEventMessage))]
[JsonSerializable(typeof(ControlRequestMessage))]
[JsonSerializable(typeof(ControlResponseMessage))]
[JsonSerializable(typeof(TextBlock))]
[JsonSerializable(typeof(ThinkingBlock))]
[JsonSerializable(typeof(ToolUseBlock))]
[JsonSerializable(typeof(ToolResultBlock))]
public sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// How deep a stream-json line may nest, for every reader of a line: tool inputs are the model's JSON and nest as
    /// deep as it likes, and a line the type sniffing accepts but the serializer refuses is skipped, which for a
    /// <c>result</c> line hangs the turn.
    /// </summary>
    internal const int MaxDepth = 256;
}
