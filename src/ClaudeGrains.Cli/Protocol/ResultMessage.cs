using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>A <c>result</c> line: the end of a turn, with its answer, cost and usage.</summary>
public sealed record ResultMessage : CliMessage
{
    /// <summary><c>success</c>, <c>error_max_turns</c>, <c>error_during_execution</c>, ...</summary>
    [JsonPropertyName("subtype")] public string Subtype { get; init; } = "";

    /// <summary>Whether the turn failed.</summary>
    [JsonPropertyName("is_error")] public bool IsError { get; init; }

    /// <summary>The final answer text (or the error text).</summary>
    [JsonPropertyName("result")] public string? Result { get; init; }

    /// <summary>Agentic turns taken.</summary>
    [JsonPropertyName("num_turns")] public int NumTurns { get; init; }

    /// <summary>Wall-clock duration in milliseconds.</summary>
    [JsonPropertyName("duration_ms")] public double DurationMs { get; init; }

    /// <summary>API time in milliseconds of the whole process so far, not of this turn: see <see cref="TurnDurationApiMs"/>.</summary>
    [JsonPropertyName("duration_api_ms")] public double DurationApiMs { get; init; }

    /// <summary>Cost in US dollars of the whole process so far, not of this turn: see <see cref="TurnCostUsd"/>.</summary>
    [JsonPropertyName("total_cost_usd")] public decimal TotalCostUsd { get; init; }

    /// <summary>
    /// This turn's share of <see cref="TotalCostUsd"/>, which the CLI keeps as a running total for as long as the
    /// process lives; set by <see cref="Transport.ClaudeCliProcess"/>, which sees every result of its process.
    /// </summary>
    [JsonIgnore] public decimal TurnCostUsd { get; init; }

    /// <summary>This turn's share of <see cref="DurationApiMs"/>, likewise a running total of the process.</summary>
    [JsonIgnore] public double TurnDurationApiMs { get; init; }

    /// <summary>Token usage.</summary>
    [JsonPropertyName("usage")] public ResultUsage? Usage { get; init; }

    /// <summary>Per-model usage, as the CLI reports it.</summary>
    [JsonPropertyName("modelUsage")] public JsonElement? ModelUsage { get; init; }

    /// <summary>Tool uses refused for lack of permission.</summary>
    [JsonPropertyName("permission_denials")] public IReadOnlyList<PermissionDenial>? PermissionDenials { get; init; }

    /// <summary>Why the model stopped.</summary>
    [JsonPropertyName("stop_reason")] public string? StopReason { get; init; }

    /// <summary>Error details some error subtypes carry.</summary>
    [JsonPropertyName("errors")] public IReadOnlyList<string>? Errors { get; init; }

    /// <summary>What started the turn, when the CLI says.</summary>
    [JsonPropertyName("origin")] public TurnOrigin? Origin { get; init; }

    /// <summary>
    /// Whether the CLI started the turn by itself, for no prompt: when a background task (a backgrounded shell, a
    /// background agent) ends, it takes the notification as a turn of its own, with its own result.
    /// </summary>
    [JsonIgnore] public bool IsSelfStarted => Origin?.Kind == TurnOrigin.TaskNotification;

    /// <summary>Every other field, kept as JSON.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
