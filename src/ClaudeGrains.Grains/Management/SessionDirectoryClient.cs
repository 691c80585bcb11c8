using Microsoft.Extensions.Logging;
using Orleans.Runtime.Services;

namespace ClaudeGrains.Grains.Management;

/// <summary>Asks every active silo's directory service in parallel; a silo that does not answer is left out and logged.</summary>
public sealed class SessionDirectoryClient(IServiceProvider services, IGrainFactory grains, ILogger<SessionDirectoryClient> logger)
    : GrainServiceClient<ISessionDirectoryService>(services), ISessionDirectoryClient
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<SessionInfo>> GetClusterSessionsAsync()
    {
        var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var answers = await Task.WhenAll(silos.Keys.Select(async silo =>
        {
            try
            {
                return await GetGrainService(silo).GetLocalSessionsAsync();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Silo {Silo} did not report its sessions", silo);
                return [];
            }
        }));
        return answers.SelectMany(a => a).ToList();
    }
}
