using Orleans.Concurrency;

namespace ClaudeGrains.Grains.Management;

/// <summary>What sessions ask of the manager: once per activation at most, never per query.</summary>
public interface ISessionRegistry : IGrainWithStringKey
{
    /// <summary>Registers a session that came into being by use (virtual-actor style) with the default options.</summary>
    [OneWay]
    Task RegisterImplicitlyAsync(string name, DateTimeOffset createdAt);

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    Task<bool> IsRegisteredAsync(string name);

    /// <summary>
    /// Registers a session defined in configuration. Idempotent: the same options again change nothing; other
    /// options replace the registered ones (the session's process restarts on its next query, keeping its conversation).
    /// </summary>
    Task EnsureConfiguredAsync(string name, SessionOptions options);
}
