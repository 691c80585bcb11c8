namespace ClaudeGrains.Grains.Sessions;

/// <summary>The CLI wrote nothing for longer than the inactivity timeout during a query (it is taken as hung).</summary>
internal sealed class CliInactivityException(TimeSpan limit) : Exception($"The CLI wrote nothing for {limit}.")
{
    public TimeSpan Limit { get; } = limit;
}
