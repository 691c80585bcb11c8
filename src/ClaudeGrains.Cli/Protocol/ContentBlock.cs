using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>One block of a message's content.</summary>
public abstract record ContentBlock
{
    /// <summary>The block's <c>type</c> field.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";
}
