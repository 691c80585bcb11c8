namespace ClaudeGrains;

/// <summary>The whole answer to one query, taken from the CLI's <c>result</c> line.</summary>
[GenerateSerializer, Immutable]
public sealed record ClaudeResult
{
    /// <summary>The id this session gave the query; it tags every event of the query.</summary>
    [Id(0)] public Guid QueryId { get; init; }

    /// <summary>The final answer text (for an error result, the CLI's error text).</summary>
    [Id(1)] public string Text { get; init; } = "";

    /// <summary>The CLI's conversation id (usable with <c>--resume</c>).</summary>
    [Id(2)] public string? CliSessionId { get; init; }

    /// <summary>Whether the CLI reported the query as failed (authentication, API error, max turns, ...).</summary>
    [Id(3)] public bool IsError { get; init; }

    /// <summary>The CLI's result subtype: <c>success</c>, <c>error_max_turns</c>, <c>error_during_execution</c>, ...</summary>
    [Id(4)] public string Subtype { get; init; } = "";

    /// <summary>Agentic turns the query took.</summary>
    [Id(5)] public int NumTurns { get; init; }

    /// <summary>Wall-clock duration reported by the CLI.</summary>
    [Id(6)] public TimeSpan Duration { get; init; }

    /// <summary>Time this query spent waiting for the API, from what the CLI reports.</summary>
    [Id(7)] public TimeSpan ApiDuration { get; init; }

    /// <summary>
    /// Cost of this query in US dollars as computed by the CLI. The CLI reports the running total of its process; this
    /// is the part the query added to it, so a session's queries add up to what it spent.
    /// </summary>
    [Id(8)] public decimal TotalCostUsd { get; init; }

    /// <summary>Token usage of the query.</summary>
    [Id(9)] public ClaudeUsage Usage { get; init; } = new();

    /// <summary>Why the model stopped (<c>end_turn</c>, <c>max_tokens</c>, ...), when reported.</summary>
    [Id(10)] public string? StopReason { get; init; }

    /// <summary>Tools the CLI refused to run for lack of permission, by name.</summary>
    [Id(11)] public IReadOnlyList<string> PermissionDenials { get; init; } = [];

    /// <summary>
    /// The session could not resume its earlier conversation (transcript missing or corrupt) and answered in a
    /// fresh one.
    /// </summary>
    [Id(12)] public bool ConversationReset { get; init; }
}
