using ClaudeGrains.Grains.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using StackExchange.Redis;

namespace ClaudeGrains.Grains.Hosting;

/// <summary>Adds ClaudeGrains to an Orleans silo.</summary>
public static class ClaudeGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers the session grains' services, the session storage (<see cref="ClaudeStorage.SessionStateStorageName"/>:
    /// in memory, or Redis when <c>ClaudeGrains:Storage:Provider</c> says so) and the in-memory event stream provider
    /// (<see cref="ClaudeStreams.ProviderName"/>) on <see cref="LongPollingStreamQueueGrain"/> queues, configured from <paramref name="configuration"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The storage configuration is incomplete or names an unknown provider.</exception>
    public static ISiloBuilder AddClaudeGrains(this ISiloBuilder siloBuilder, IConfiguration configuration)
    {
        siloBuilder.Services.AddClaudeGrains(configuration);
        var storage = configuration.GetSection($"{ClaudeGrainsOptions.SectionName}:Storage").Get<ClaudeStorageOptions>() ?? new ClaudeStorageOptions();
        switch (storage.Provider)
        {
            case var p when string.Equals(p, ClaudeStorageOptions.Memory, StringComparison.OrdinalIgnoreCase):
                siloBuilder.AddMemoryGrainStorage(ClaudeStorage.SessionStateStorageName);
                break;
            case var p when string.Equals(p, ClaudeStorageOptions.Redis, StringComparison.OrdinalIgnoreCase):
                if (string.IsNullOrWhiteSpace(storage.RedisConnectionString))
                {
                    throw new InvalidOperationException("ClaudeGrains:Storage:Provider is Redis but ClaudeGrains:Storage:RedisConnectionString is not set.");
                }

                var redis = ConfigurationOptions.Parse(storage.RedisConnectionString);
                siloBuilder.AddRedisGrainStorage(ClaudeStorage.SessionStateStorageName, options => options.ConfigurationOptions = redis);
                break;
            default:
                throw new InvalidOperationException(
                    $"ClaudeGrains:Storage:Provider '{storage.Provider}' is not known; use '{ClaudeStorageOptions.Memory}' or '{ClaudeStorageOptions.Redis}'.");
        }

        siloBuilder.AddMemoryGrainStorage(ClaudeStorage.PubSubStorageName);
        var streams = configuration.GetSection($"{ClaudeGrainsOptions.SectionName}:Streams").Get<ClaudeStreamOptions>() ?? new ClaudeStreamOptions();
        // The stock queue grain is taken out so that ours is the only implementation of its interface.
        siloBuilder.Services.PostConfigure<GrainTypeOptions>(types => types.Classes.Remove(typeof(MemoryStreamQueueGrain)));
        siloBuilder.Services.AddSingleton<StreamQueueStopSignal>();
        siloBuilder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<StreamQueueStopSignal>());
        siloBuilder.AddMemoryStreams(ClaudeStreams.ProviderName, memory =>
        {
            memory.ConfigurePartitioning(streams.Queues);
            memory.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = streams.PollInterval));
        });
        return siloBuilder;
    }
}
