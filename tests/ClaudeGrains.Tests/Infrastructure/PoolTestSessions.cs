namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// The sessions one warm-pool test starts. Sessions stay live for minutes; terminating them when the test ends gives
/// their slots back to the pool for the next test.
/// </summary>
public sealed class PoolTestSessions(WarmPoolCluster cluster)
{
    private readonly List<string> _names = [];

    /// <summary>A unique session name starting with <paramref name="prefix"/>, terminated with the others.</summary>
    public string NewName(string prefix)
    {
        var name = UniqueName.For(prefix);
        _names.Add(name);
        return name;
    }

    /// <summary>A new session configured with <paramref name="options"/>; it has no process until its first query.</summary>
    public async Task<IClaudeSessionGrain> NewAsync(string prefix, SessionOptions options)
    {
        var session = cluster.Session(NewName(prefix));
        await session.ConfigureAsync(options);
        return session;
    }

    public Task TerminateAllAsync() => Task.WhenAll(_names.Select(name => cluster.Manager.TerminateSessionAsync(name)));
}
