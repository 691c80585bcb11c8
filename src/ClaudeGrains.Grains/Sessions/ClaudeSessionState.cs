namespace ClaudeGrains.Grains.Sessions;

/// <summary>What a session persists. Never holds the API key.</summary>
[GenerateSerializer]
public sealed class ClaudeSessionState
{
    /// <summary>The session's options; <see langword="null"/> until configured (then configuration defaults apply).</summary>
    [Id(0)] public SessionOptions? Options { get; set; }

    /// <summary>The CLI conversation to resume when the process is restarted.</summary>
    [Id(1)] public string? CliSessionId { get; set; }

    /// <summary>When the session was first activated.</summary>
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the session last answered a query.</summary>
    [Id(3)] public DateTimeOffset? LastActiveAt { get; set; }

    /// <summary>Running totals.</summary>
    [Id(4)] public SessionCounters Counters { get; set; } = new();

    /// <summary>The last failure, in words.</summary>
    [Id(5)] public string? LastFailure { get; set; }

    /// <summary>When the conversation was last lost because it could not be resumed.</summary>
    [Id(6)] public DateTimeOffset? ConversationResetAt { get; set; }

    /// <summary>Until when the session is faulted, so a fault outlives a deactivation.</summary>
    [Id(7)] public DateTimeOffset? FaultedUntil { get; set; }

    /// <summary>Adds an answered query (successful or an error result) to the counters.</summary>
    public void RecordAnswer(ClaudeResult answer, DateTimeOffset now)
    {
        CliSessionId = answer.CliSessionId ?? CliSessionId;
        LastActiveAt = now;
        Counters = Counters with
        {
            Queries = Counters.Queries + 1,
            Turns = Counters.Turns + answer.NumTurns,
            InputTokens = Counters.InputTokens + answer.Usage.InputTokens,
            OutputTokens = Counters.OutputTokens + answer.Usage.OutputTokens,
            CostUsd = Counters.CostUsd + answer.TotalCostUsd,
            FailedQueries = Counters.FailedQueries + (answer.IsError ? 1 : 0),
        };
        if (answer.IsError)
        {
            LastFailure = $"{answer.Subtype}: {answer.Text}";
        }
    }

    /// <summary>Adds a query that failed without an answer; <paramref name="failure"/> replaces the last failure when given.</summary>
    public void RecordFailedQuery(string? failure)
    {
        LastFailure = failure ?? LastFailure;
        Counters = Counters with { Queries = Counters.Queries + 1, FailedQueries = Counters.FailedQueries + 1 };
    }

    /// <summary>Counts one restart of the CLI process.</summary>
    public void RecordRestart() => Counters = Counters with { Restarts = Counters.Restarts + 1 };

    /// <summary>A status snapshot of the session this state belongs to.</summary>
    public SessionStatus ToStatus(string name, string silo, SessionState state, ClaudeGrains.Cli.Transport.ClaudeCliProcess? live, int queueLength, string? cliVersion, DateTimeOffset? faultedUntil) => new()
    {
        Name = name,
        State = state,
        ProcessId = live?.ProcessId,
        Silo = silo,
        CliSessionId = CliSessionId,
        ProcessStartedAt = live?.StartedAt,
        LastActiveAt = LastActiveAt,
        QueueLength = queueLength,
        LastFailure = LastFailure,
        Counters = Counters,
        CreatedAt = CreatedAt,
        CliVersion = cliVersion,
        ConversationResetAt = ConversationResetAt,
        FaultedUntil = faultedUntil,
    };
}
