namespace ClaudeGrains;

/// <summary>
/// One event of a query, as yielded by <see cref="IClaudeSessionGrain.QueryStreamAsync(string, CancellationToken)"/> and published on the
/// session's Orleans stream.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record ClaudeEvent
{
    /// <summary>The query this event belongs to.</summary>
    [Id(0)] public Guid QueryId { get; init; }

    /// <summary>Position of the event within its query, from 0, without gaps.</summary>
    [Id(1)] public long Sequence { get; init; }

    /// <summary>The session that produced the event.</summary>
    [Id(2)] public string SessionName { get; init; } = "";
}
