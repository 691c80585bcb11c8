using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>The Messages-API message carried by <c>assistant</c> and <c>user</c> lines.</summary>
public sealed record ApiMessage
{
    /// <summary>The API message id.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary><c>assistant</c> or <c>user</c>.</summary>
    [JsonPropertyName("role")] public string? Role { get; init; }

    /// <summary>The model that wrote the message.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>The content blocks. A plain-string content is read as one text block.</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(ContentBlockListJsonConverter))]
    public IReadOnlyList<ContentBlock> Content { get; init; } = [];

    /// <summary>Why the model stopped, when known.</summary>
    [JsonPropertyName("stop_reason")] public string? StopReason { get; init; }

    /// <summary>Every other field, kept as JSON.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
