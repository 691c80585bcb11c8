using Orleans.Concurrency;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>Silo-internal control of a session, used by the process budget and the session manager.</summary>
public interface ISessionControl : IGrainWithStringKey
{
    /// <summary>Stops the session's CLI process if the session is idle; returns whether it did.</summary>
    [AlwaysInterleave]
    Task<bool> TryHibernateAsync();

    /// <summary>Starts the CLI process now (warm start) instead of on the first query.</summary>
    [ResponseTimeout(ClaudeResponseTimeouts.WaitsForTheCli)]
    Task WarmUpAsync();

    /// <summary>Stops the process, clears the session's state and deactivates it; waiting queries fail.</summary>
    Task TerminateAsync();

    /// <summary>Tells the session whether it is registered (strict mode refuses unregistered sessions).</summary>
    [AlwaysInterleave]
    Task SetRegisteredAsync(bool registered);
}
