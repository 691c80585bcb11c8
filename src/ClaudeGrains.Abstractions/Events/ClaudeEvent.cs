using System.Text.Json.Serialization;

namespace ClaudeGrains;

/// <summary>
/// One event of a query, as yielded by <see cref="IClaudeSessionGrain.QueryStreamAsync(string, CancellationToken)"/> and published on the
/// session's Orleans stream.
/// </summary>
/// <remarks>
/// In JSON (the HTTP API, server-sent events) every event carries its kind in <c>type</c>: <c>query_started</c>,
/// <c>text_delta</c>, <c>thinking_delta</c>, <c>assistant_message</c>, <c>tool_use</c>, <c>tool_result</c>, <c>result</c>,
/// <c>query_completed</c>.
/// </remarks>
[GenerateSerializer, Immutable]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(QueryStartedEvent), "query_started")]
[JsonDerivedType(typeof(TextDeltaEvent), "text_delta")]
[JsonDerivedType(typeof(ThinkingDeltaEvent), "thinking_delta")]
[JsonDerivedType(typeof(AssistantMessageEvent), "assistant_message")]
[JsonDerivedType(typeof(ToolUseEvent), "tool_use")]
[JsonDerivedType(typeof(ToolResultEvent), "tool_result")]
[JsonDerivedType(typeof(ResultEvent), "result")]
[JsonDerivedType(typeof(QueryCompletedEvent), "query_completed")]
public abstract record ClaudeEvent
{
    /// <summary>The query this event belongs to.</summary>
    [Id(0)] public Guid QueryId { get; init; }

    /// <summary>Position of the event within its query, from 0, without gaps.</summary>
    [Id(1)] public long Sequence { get; init; }

    /// <summary>The session that produced the event.</summary>
    [Id(2)] public string SessionName { get; init; } = "";
}
