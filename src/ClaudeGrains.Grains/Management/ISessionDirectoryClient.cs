using Orleans.Services;

namespace ClaudeGrains.Grains.Management;

/// <summary>Reaches the <see cref="ISessionDirectoryService"/> of every silo.</summary>
public interface ISessionDirectoryClient : IGrainServiceClient<ISessionDirectoryService>
{
    /// <summary>The sessions active on every active silo of the cluster.</summary>
    Task<IReadOnlyList<SessionInfo>> GetClusterSessionsAsync();
}
