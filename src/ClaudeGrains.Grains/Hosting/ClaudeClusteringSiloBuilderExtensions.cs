using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using StackExchange.Redis;

namespace ClaudeGrains.Grains.Hosting;

/// <summary>Chooses the silo's clustering from configuration.</summary>
public static class ClaudeClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Localhost clustering (one silo, the default) or Redis membership, from <c>ClaudeGrains:Clustering</c>, and the
    /// silo's stable name (<see cref="ClaudeClusteringOptions.SiloName"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The clustering configuration is incomplete or names an unknown provider.</exception>
    public static ISiloBuilder UseClaudeGrainsClustering(this ISiloBuilder siloBuilder, IConfiguration configuration)
    {
        var clustering = configuration.GetSection($"{ClaudeGrainsOptions.SectionName}:Clustering").Get<ClaudeClusteringOptions>() ?? new ClaudeClusteringOptions();
        siloBuilder.Configure<SiloOptions>(options => options.SiloName = clustering.EffectiveSiloName());
        if (string.Equals(clustering.Provider, ClaudeClusteringOptions.Localhost, StringComparison.OrdinalIgnoreCase))
        {
            return siloBuilder.UseLocalhostClustering(clustering.SiloPort, clustering.GatewayPort, serviceId: clustering.ServiceId, clusterId: clustering.ClusterId);
        }

        if (!string.Equals(clustering.Provider, ClaudeClusteringOptions.Redis, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"ClaudeGrains:Clustering:Provider '{clustering.Provider}' is not known; use 'Localhost' or 'Redis'.");
        }

        if (string.IsNullOrWhiteSpace(clustering.RedisConnectionString))
        {
            throw new InvalidOperationException("ClaudeGrains:Clustering:Provider is Redis but ClaudeGrains:Clustering:RedisConnectionString is not set.");
        }

        var redis = ConfigurationOptions.Parse(clustering.RedisConnectionString);
        return siloBuilder
            .UseRedisClustering(options => options.ConfigurationOptions = redis)
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clustering.ClusterId;
                options.ServiceId = clustering.ServiceId;
            })
            .ConfigureEndpoints(IPAddress.Loopback, clustering.SiloPort, clustering.GatewayPort, listenOnAnyHostAddress: false);
    }
}
