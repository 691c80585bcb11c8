namespace ClaudeGrains;

/// <summary>
/// End marker of a query on the Orleans stream (memory streams cannot complete a stream). Follows the
/// <see cref="ResultEvent"/>, or stands alone when the query failed without a result.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QueryCompletedEvent : ClaudeEvent
{
    /// <summary>Whether the query failed (error result or failure).</summary>
    [Id(0)] public bool IsError { get; init; }

    /// <summary>The failure, when the query ended without a result.</summary>
    [Id(1)] public ClaudeErrorCode? ErrorCode { get; init; }

    /// <summary>The failure message, when the query ended without a result.</summary>
    [Id(2)] public string? ErrorMessage { get; init; }
}
