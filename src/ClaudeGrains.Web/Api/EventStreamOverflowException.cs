namespace ClaudeGrains.Web.Api;

/// <summary>
/// A watcher of a session's events read slower than the session wrote, and the events held for it reached
/// <see cref="Hosting.ClaudeGrainsWebOptions.EventStreamMaxPendingEvents"/>: its stream ends rather than the silo's
/// memory growing without bound.
/// </summary>
internal sealed class EventStreamOverflowException(int limit)
    : Exception($"This client read the session's events more slowly than the session wrote them, and {limit} events were waiting for it (ClaudeGrains:Web:EventStreamMaxPendingEvents). The stream ends here; every event before this one was delivered. Reconnect to watch again.");
