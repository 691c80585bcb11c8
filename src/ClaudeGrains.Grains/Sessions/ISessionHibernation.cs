namespace ClaudeGrains.Grains.Sessions;

/// <summary>Silo-internal control of a session, used by the process budget to free a slot.</summary>
public interface ISessionHibernation : IGrainWithStringKey
{
    /// <summary>Stops the session's CLI process if the session is idle; returns whether it did.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> TryHibernateAsync();
}
