namespace ClaudeGrains;

/// <summary>Response timeouts of the grain calls that wait for a CLI process, for Orleans' <c>[ResponseTimeout]</c>.</summary>
public static class ClaudeResponseTimeouts
{
    /// <summary>
    /// For a call that waits for a query's answer or for a process to start: longer than a query may run
    /// (<see cref="SessionOptions.MaxTimeout"/>), since the query's own timeout, or its caller's cancellation, ends it
    /// first. With Orleans' default of 30 s, any longer query failed at its caller with a timeout while it ran on.
    /// </summary>
    public const string WaitsForTheCli = "1.01:00:00";
}
