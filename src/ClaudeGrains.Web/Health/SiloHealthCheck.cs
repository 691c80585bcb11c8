using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClaudeGrains.Web.Health;

/// <summary>Ready only while this silo is an active member of its cluster.</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.Name} is active in cluster {silo.ClusterId}")
            : HealthCheckResult.Unhealthy($"Silo {silo.Name} is {status} in cluster {silo.ClusterId}, not active"));
    }
}
