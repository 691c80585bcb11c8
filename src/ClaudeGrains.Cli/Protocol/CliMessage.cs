using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>One line the CLI wrote on stdout in stream-json mode.</summary>
public abstract record CliMessage
{
    /// <summary>The line's <c>type</c> field.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";

    /// <summary>The CLI conversation id, on the lines that carry one.</summary>
    [JsonPropertyName("session_id")] public string? SessionId { get; init; }
}
