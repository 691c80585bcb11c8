namespace ClaudeGrains;

/// <summary>Running totals of one session.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionCounters
{
    /// <summary>Queries answered (successfully or not).</summary>
    [Id(0)] public long Queries { get; init; }

    /// <summary>Agentic turns over all queries.</summary>
    [Id(1)] public long Turns { get; init; }

    /// <summary>Input tokens over all queries.</summary>
    [Id(2)] public long InputTokens { get; init; }

    /// <summary>Output tokens over all queries.</summary>
    [Id(3)] public long OutputTokens { get; init; }

    /// <summary>Cost over all queries, US dollars.</summary>
    [Id(4)] public decimal CostUsd { get; init; }

    /// <summary>Times the CLI process was restarted after a failure.</summary>
    [Id(5)] public int Restarts { get; init; }

    /// <summary>Queries that ended in an error result or a failure.</summary>
    [Id(6)] public long FailedQueries { get; init; }
}
