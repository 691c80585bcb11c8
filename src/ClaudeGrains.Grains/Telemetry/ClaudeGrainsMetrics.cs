using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClaudeGrains.Grains.Management;
using ClaudeGrains.Grains.Processes;

namespace ClaudeGrains.Grains.Telemetry;

/// <summary>
/// The silo's ClaudeGrains metrics, all under the meter <see cref="MeterName"/>: queries by outcome, query duration and
/// time to first delta, live processes, busy and hibernated sessions, restarts, tokens and cost.
/// </summary>
public sealed class ClaudeGrainsMetrics : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The name of the meter every ClaudeGrains instrument belongs to (for OpenTelemetry's <c>AddMeter</c>).</summary>
    public const string MeterName = "ClaudeGrains";

    /// <summary>The tag that carries a query's outcome on <c>claudegrains.queries</c>.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The tag that says <c>input</c> or <c>output</c> on <c>claudegrains.tokens</c>.</summary>
    public const string DirectionTag = "direction";

    private readonly Counter<long> _queries;
    private readonly Histogram<double> _queryDuration;
    private readonly Histogram<double> _timeToFirstDelta;
    private readonly Counter<long> _restarts;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;

    /// <summary>
    /// Creates the instruments; the gauges read <paramref name="budget"/>, <paramref name="directory"/> and
    /// <paramref name="clusterCounts"/> when collected.
    /// </summary>
    public ClaudeGrainsMetrics(IMeterFactory meterFactory, CliProcessBudget budget, LocalSessionDirectory directory, ClusterSessionCountsSampler clusterCounts)
    {
        var meter = meterFactory.Create(MeterName);
        _queries = meter.CreateCounter<long>("claudegrains.queries", "{query}", "Queries that ended, by outcome.");
        _queryDuration = meter.CreateHistogram<double>("claudegrains.query.duration", "s", "Time from a query's arrival to its end.");
        _timeToFirstDelta = meter.CreateHistogram<double>("claudegrains.query.time_to_first_delta", "s", "Time from a query's arrival to its first text delta.");
        _restarts = meter.CreateCounter<long>("claudegrains.restarts", "{restart}", "CLI processes restarted after a failure.");
        _tokens = meter.CreateCounter<long>("claudegrains.tokens", "{token}", "Tokens the answered queries used, by direction.");
        _cost = meter.CreateCounter<double>("claudegrains.cost", "USD", "Cost of the answered queries as the CLI computed it.");
        meter.CreateObservableGauge("claudegrains.processes.live", () => budget.InUse, "{process}", "CLI processes this silo holds.");
        meter.CreateObservableGauge("claudegrains.sessions.busy", () => directory.CountInState(SessionState.Busy), "{session}", "Sessions on this silo running a query.");
        // A hibernated session holds no activation anywhere, so this one is the cluster's: every silo reports the same
        // value (aggregate with max, not sum).
        meter.CreateObservableGauge("claudegrains.sessions.hibernated", () => clusterCounts.Latest?.Hibernated ?? 0, "{session}", "Registered sessions without a process, cluster-wide.");
    }

    /// <summary>
    /// Nothing to do at any stage: taking part only makes the silo create this object as it starts, so that the gauges
    /// report (zero live processes, every session hibernated) from then on, not from the first session's activation.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle)
    {
    }

    /// <summary>Records an answered query: outcome, duration, tokens and cost.</summary>
    public void QueryAnswered(ClaudeResult result, long startedTimestamp)
    {
        RecordEnd(result.IsError ? "error_result" : "success", startedTimestamp);
        _tokens.Add(result.Usage.InputTokens, new KeyValuePair<string, object?>(DirectionTag, "input"));
        _tokens.Add(result.Usage.OutputTokens, new KeyValuePair<string, object?>(DirectionTag, "output"));
        _cost.Add((double)result.TotalCostUsd);
    }

    /// <summary>Records a query that failed with <paramref name="error"/>.</summary>
    public void QueryFailed(Exception error, long startedTimestamp) =>
        RecordEnd(error switch
        {
            ClaudeSessionException e => OutcomeOf(e.Code),
            OperationCanceledException => "cancelled",
            ArgumentException => "invalid",
            _ => "error",
        }, startedTimestamp);

    /// <summary>Records the first text delta of a query.</summary>
    public void FirstDelta(long startedTimestamp) => _timeToFirstDelta.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);

    /// <summary>Records a CLI restart after a failure.</summary>
    public void Restarted() => _restarts.Add(1);

    private void RecordEnd(string outcome, long startedTimestamp)
    {
        var tag = new KeyValuePair<string, object?>(OutcomeTag, outcome);
        _queries.Add(1, tag);
        _queryDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tag);
    }

    // snake_case keeps the tag values stable and in the style of OpenTelemetry's semantic conventions.
    private static string OutcomeOf(ClaudeErrorCode code) => code switch
    {
        ClaudeErrorCode.CliNotFound => "cli_not_found",
        ClaudeErrorCode.CliStartFailed => "cli_start_failed",
        ClaudeErrorCode.CliExited => "cli_exited",
        ClaudeErrorCode.OutputTooLarge => "output_too_large",
        ClaudeErrorCode.Timeout => "timeout",
        ClaudeErrorCode.Cancelled => "cancelled",
        ClaudeErrorCode.Capacity => "capacity",
        ClaudeErrorCode.Faulted => "faulted",
        ClaudeErrorCode.SessionNotFound => "session_not_found",
        ClaudeErrorCode.ProtocolError => "protocol_error",
        ClaudeErrorCode.Conflict => "conflict",
        ClaudeErrorCode.Terminated => "terminated",
        _ => "error",
    };
}
