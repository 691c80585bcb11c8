using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>system</c> line: <c>init</c> at the start of each turn, or another subtype (status, hooks, ...).</summary>
public sealed record SystemMessage : CliMessage
{
    /// <summary>The subtype, e.g. <c>init</c> or <c>status</c>.</summary>
    [JsonPropertyName("subtype")] public string Subtype { get; init; } = "";

    /// <summary>The model in use (init).</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>The CLI's working directory (init).</summary>
    [JsonPropertyName("cwd")] public string? Cwd { get; init; }

    /// <summary>The tools the model may use (init).</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>The CLI version (init).</summary>
    [JsonPropertyName("claude_code_version")] public string? Version { get; init; }

    /// <summary>The permission mode in force (init).</summary>
    [JsonPropertyName("permissionMode")] public string? PermissionMode { get; init; }

    /// <summary>Every other field, kept as JSON.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Whether this is the <c>init</c> line.</summary>
    [JsonIgnore] public bool IsInit => Subtype == "init";

    /// <summary>
    /// Whether this is the notice that a background task ended, which the CLI follows with a turn of its own (up to
    /// a result whose origin is <see cref="TurnOrigin.TaskNotification"/>).
    /// </summary>
    [JsonIgnore] public bool IsTaskNotification => Subtype == "task_notification";
}
