using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace ClaudeGrains.Grains.Management;

/// <summary>The per-silo grain service that answers for this silo's <see cref="LocalSessionDirectory"/>.</summary>
[Reentrant]
public sealed class SessionDirectoryService(GrainId id, Silo silo, ILoggerFactory loggerFactory, LocalSessionDirectory directory)
    : GrainService(id, silo, loggerFactory), ISessionDirectoryService
{
    /// <inheritdoc />
    public Task<IReadOnlyList<SessionInfo>> GetLocalSessionsAsync() => Task.FromResult(directory.Snapshot());
}
