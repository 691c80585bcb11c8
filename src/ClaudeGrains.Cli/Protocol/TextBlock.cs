using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>text</c> block.</summary>
public sealed record TextBlock : ContentBlock
{
    /// <summary>The text.</summary>
    [JsonPropertyName("text")] public string Text { get; init; } = "";
}
