namespace ClaudeGrains;

/// <summary>A snapshot of a session, as returned by <see cref="IClaudeSessionGrain.GetStatusAsync"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionStatus
{
    /// <summary>The session name.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>The life-cycle state.</summary>
    [Id(1)] public SessionState State { get; init; }

    /// <summary>OS process id of the live CLI process, if any.</summary>
    [Id(2)] public int? ProcessId { get; init; }

    /// <summary>The silo hosting the session.</summary>
    [Id(3)] public string Silo { get; init; } = "";

    /// <summary>The CLI's conversation id, once the CLI has reported one.</summary>
    [Id(4)] public string? CliSessionId { get; init; }

    /// <summary>When the live CLI process started.</summary>
    [Id(5)] public DateTimeOffset? ProcessStartedAt { get; init; }

    /// <summary>When the session last answered a query.</summary>
    [Id(6)] public DateTimeOffset? LastActiveAt { get; init; }

    /// <summary>Queries waiting behind the running one.</summary>
    [Id(7)] public int QueueLength { get; init; }

    /// <summary>The last failure, in words, if any.</summary>
    [Id(8)] public string? LastFailure { get; init; }

    /// <summary>Running totals.</summary>
    [Id(9)] public SessionCounters Counters { get; init; } = new();

    /// <summary>When the session was created.</summary>
    [Id(10)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Version of the CLI, as reported at start.</summary>
    [Id(11)] public string? CliVersion { get; init; }

    /// <summary>When the session last lost its conversation because it could not be resumed, if ever.</summary>
    [Id(12)] public DateTimeOffset? ConversationResetAt { get; init; }

    /// <summary>Until when a faulted session refuses queries (then it tries again), if it is faulted.</summary>
    [Id(13)] public DateTimeOffset? FaultedUntil { get; init; }
}
