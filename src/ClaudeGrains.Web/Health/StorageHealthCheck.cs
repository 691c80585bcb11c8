using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;

namespace ClaudeGrains.Web.Health;

/// <summary>Ready only if the session storage answers a read (memory or Redis, whichever is configured).</summary>
internal sealed class StorageHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly GrainId Probe = GrainId.Create("claudegrains-health", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(ClaudeStorage.SessionStateStorageName);
            await storage.ReadStateAsync("health", Probe, new GrainState<ProbeState>()).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Storage '{ClaudeStorage.SessionStateStorageName}' answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Storage '{ClaudeStorage.SessionStateStorageName}' did not answer: {ex.Message}");
        }
    }

    /// <summary>The shape of the probe read; nothing is ever written.</summary>
    private sealed class ProbeState;
}
