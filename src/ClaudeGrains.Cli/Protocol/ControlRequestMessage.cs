using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>control_request</c> line the CLI sent to its host (e.g. a permission prompt).</summary>
public sealed record ControlRequestMessage : CliMessage
{
    /// <summary>The id to answer with.</summary>
    [JsonPropertyName("request_id")] public string RequestId { get; init; } = "";

    /// <summary>The request body; its <c>subtype</c> says what is asked.</summary>
    [JsonPropertyName("request")] public JsonElement Request { get; init; }

    /// <summary>The request subtype.</summary>
    [JsonIgnore]
    public string? Subtype => Request.ValueKind == JsonValueKind.Object && Request.TryGetProperty("subtype", out var s) ? s.GetString() : null;
}
