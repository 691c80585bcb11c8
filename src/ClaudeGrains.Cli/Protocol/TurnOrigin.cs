using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>What started a turn, as a <c>result</c> line's <c>origin</c> says.</summary>
public sealed record TurnOrigin
{
    /// <summary>The kind the CLI gives a turn it starts by itself when a background task ends.</summary>
    public const string TaskNotification = "task-notification";

    /// <summary><c>task-notification</c>, <c>human</c>, ...</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }
}
