using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>thinking</c> block (extended thinking).</summary>
public sealed record ThinkingBlock : ContentBlock
{
    /// <summary>The thinking text.</summary>
    [JsonPropertyName("thinking")] public string Thinking { get; init; } = "";

    /// <summary>The signature the API attaches to thinking.</summary>
    [JsonPropertyName("signature")] public string? Signature { get; init; }
}
