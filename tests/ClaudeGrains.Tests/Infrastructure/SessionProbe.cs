namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Waits for a session's status to reach a state, for the changes no event tells a client about.</summary>
public static class SessionProbe
{
    public static async Task WaitForStateAsync(IClaudeSessionGrain session, SessionState state)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((await session.GetStatusAsync()).State != state)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
        }
    }
}
