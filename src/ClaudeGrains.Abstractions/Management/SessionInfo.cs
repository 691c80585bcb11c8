namespace ClaudeGrains;

/// <summary>A session as the manager lists it.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionInfo
{
    /// <summary>The session name.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>The life-cycle state (<see cref="SessionState.Hibernated"/> when no silo hosts it).</summary>
    [Id(1)] public SessionState State { get; init; }

    /// <summary>The silo hosting it, if active.</summary>
    [Id(2)] public string? Silo { get; init; }

    /// <summary>The live CLI process, if any.</summary>
    [Id(3)] public int? ProcessId { get; init; }

    /// <summary>Whether a CLI process is alive.</summary>
    [Id(4)] public bool Alive { get; init; }

    /// <summary>When it was registered.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its live process started.</summary>
    [Id(6)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it last answered.</summary>
    [Id(7)] public DateTimeOffset? LastActiveAt { get; init; }

    /// <summary>Queries waiting.</summary>
    [Id(8)] public int QueueLength { get; init; }

    /// <summary>Running totals (queries, turns, tokens, cost, restarts).</summary>
    [Id(9)] public SessionCounters Counters { get; init; } = new();

    /// <summary>The last failure, if any.</summary>
    [Id(10)] public string? LastError { get; init; }

    /// <summary>A one-line summary of its options (model, permission mode, tools).</summary>
    [Id(11)] public string OptionsSummary { get; init; } = "";
}
