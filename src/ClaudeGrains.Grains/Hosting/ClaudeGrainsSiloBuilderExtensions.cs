using Microsoft.Extensions.Configuration;

namespace ClaudeGrains.Grains.Hosting;

/// <summary>Adds ClaudeGrains to an Orleans silo.</summary>
public static class ClaudeGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers the session grains' services, in-memory session storage (<see cref="ClaudeStorage.SessionStateStorageName"/>)
    /// and the in-memory event stream provider (<see cref="ClaudeStreams.ProviderName"/>), configured from <paramref name="configuration"/>.
    /// </summary>
    public static ISiloBuilder AddClaudeGrains(this ISiloBuilder siloBuilder, IConfiguration configuration)
    {
        siloBuilder.Services.AddClaudeGrains(configuration);
        siloBuilder.AddMemoryGrainStorage(ClaudeStorage.SessionStateStorageName);
        siloBuilder.AddMemoryGrainStorage(ClaudeStorage.PubSubStorageName);
        siloBuilder.AddMemoryStreams(ClaudeStreams.ProviderName);
        return siloBuilder;
    }
}
