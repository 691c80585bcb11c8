using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>The <c>usage</c> object of a <c>result</c> line.</summary>
public sealed record ResultUsage
{
    /// <summary>Uncached input tokens.</summary>
    [JsonPropertyName("input_tokens")] public long InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    [JsonPropertyName("output_tokens")] public long OutputTokens { get; init; }

    /// <summary>Input tokens written to the cache.</summary>
    [JsonPropertyName("cache_creation_input_tokens")] public long CacheCreationInputTokens { get; init; }

    /// <summary>Input tokens read from the cache.</summary>
    [JsonPropertyName("cache_read_input_tokens")] public long CacheReadInputTokens { get; init; }

    /// <summary>Every other field, kept as JSON.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
