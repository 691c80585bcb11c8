using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>control_response</c> line: the CLI's answer to a control request we sent.</summary>
public sealed record ControlResponseMessage : CliMessage
{
    /// <summary>The response body: <c>subtype</c> (<c>success</c>/<c>error</c>), <c>request_id</c>, <c>response</c> or <c>error</c>.</summary>
    [JsonPropertyName("response")] public JsonElement Response { get; init; }

    /// <summary>The id of the request this answers.</summary>
    [JsonIgnore] public string? RequestId => Get("request_id");

    /// <summary>Whether the CLI accepted the request.</summary>
    [JsonIgnore] public bool IsSuccess => Get("subtype") == "success";

    /// <summary>The CLI's error message, when it refused the request.</summary>
    [JsonIgnore] public string? Error => Get("error");

    private string? Get(string name) =>
        Response.ValueKind == JsonValueKind.Object && Response.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
