using Orleans.Services;

namespace ClaudeGrains.Grains.Management;

/// <summary>One per silo: reports the sessions active on that silo.</summary>
public interface ISessionDirectoryService : IGrainService
{
    /// <summary>The sessions active on this silo.</summary>
    Task<IReadOnlyList<SessionInfo>> GetLocalSessionsAsync();
}
