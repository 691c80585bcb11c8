using Orleans.Concurrency;

namespace ClaudeGrains;

/// <summary>
/// A named, long-lived Claude Code session. The grain key is the session name
/// (see <see cref="SessionName"/> for the rules); every active session owns one <c>claude</c> process.
/// </summary>
/// <remarks>
/// Queries to one session run one at a time in arrival order; each caller receives exactly its own answer.
/// Every event of every query is also published on the Orleans stream
/// <see cref="ClaudeStreams.ProviderName"/>/<see cref="ClaudeStreams.SessionEventsNamespace"/> keyed by the session name.
/// </remarks>
public interface IClaudeSessionGrain : IGrainWithStringKey
{
    /// <summary>Sends <paramref name="prompt"/> and returns the whole answer once the CLI reports its result.</summary>
    /// <param name="prompt">The user prompt; must not be empty.</param>
    /// <param name="cancellationToken">Cancels the query: a queued query leaves the queue, a running one is interrupted.</param>
    /// <exception cref="ArgumentException">The session name or the prompt is invalid.</exception>
    /// <exception cref="ClaudeSessionException">The CLI could not be started, failed, or timed out.</exception>
    [ResponseTimeout(ClaudeResponseTimeouts.WaitsForTheCli)]
    Task<ClaudeResult> QueryAsync(string prompt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends <paramref name="prompt"/> and yields the answer as it is written: text deltas, whole assistant
    /// messages, tool uses, and finally exactly one <see cref="ResultEvent"/>.
    /// </summary>
    /// <param name="prompt">The user prompt; must not be empty.</param>
    /// <param name="cancellationToken">Cancels the query like <see cref="QueryAsync(string, CancellationToken)"/>.</param>
    IAsyncEnumerable<ClaudeEvent> QueryStreamAsync(string prompt, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="QueryAsync(string, CancellationToken)"/>, with per-call overrides such as a timeout.</summary>
    [ResponseTimeout(ClaudeResponseTimeouts.WaitsForTheCli)]
    Task<ClaudeResult> QueryAsync(string prompt, QueryOptions options, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="QueryStreamAsync(string, CancellationToken)"/>, with per-call overrides such as a timeout.</summary>
    IAsyncEnumerable<ClaudeEvent> QueryStreamAsync(string prompt, QueryOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts over: stops the CLI process and forgets the conversation (the next query starts a fresh one),
    /// and clears a <see cref="SessionState.Faulted"/> state. A running query is not cut off: it ends in the old
    /// conversation, and the restart takes effect after it, before any query waiting behind it. The call returns
    /// without waiting for it.
    /// </summary>
    Task RestartAsync();

    /// <summary>
    /// Replaces the session's options. They are validated first; a live process is restarted with the new
    /// options (resuming its conversation) once no query is running.
    /// </summary>
    /// <exception cref="ArgumentException">A field of <paramref name="options"/> is invalid; the message names it.</exception>
    Task ConfigureAsync(SessionOptions options);

    /// <summary>Returns the options in force for this session.</summary>
    [AlwaysInterleave]
    Task<SessionOptions> GetOptionsAsync();

    /// <summary>Reports the session's state; answers at once, even while a query runs.</summary>
    [AlwaysInterleave]
    Task<SessionStatus> GetStatusAsync();

    /// <summary>
    /// Interrupts the running query through the CLI's control protocol; the query then completes with the
    /// CLI's interrupted result. A query still waiting for its process (a slot, a restart backoff, a cold start) stops
    /// waiting and completes with the same kind of result (<c>error_during_execution</c>); its prompt is never sent.
    /// Does nothing when the session is idle. Answers at once.
    /// </summary>
    [AlwaysInterleave]
    Task InterruptAsync();
}
