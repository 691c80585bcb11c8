using ClaudeGrains.Grains.Management;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Grains.Hosting;

/// <summary>Registers the ClaudeGrains services of a silo.</summary>
public static class ClaudeGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ClaudeGrainsOptions"/> to the <c>ClaudeGrains</c> section, refused at start when a setting cannot
    /// work (<see cref="ClaudeGrainsOptionsValidator"/>), and registers the CLI process factory.
    /// </summary>
    public static IServiceCollection AddClaudeGrains(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClaudeGrainsOptions.SectionName);
        services.AddOptions<ClaudeGrainsOptions>()
            .Bind(section)
            .Configure(o => ConfiguredEmptyLists.Keep(o, section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClaudeGrainsOptions>, ClaudeGrainsOptionsValidator>());
        services.AddSingleton(sp => new ClaudeCliProcessFactory(
            sp.GetRequiredService<IOptions<ClaudeGrainsOptions>>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ILocalSiloDetails>().Name));
        services.AddSingleton<CliProcessBudget>();
        services.AddSingleton<WarmProcessPool>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<WarmProcessPool>());
        services.AddSingleton<LocalSessionDirectory>();
        services.AddMetrics();
        services.AddSingleton<ClaudeGrainsMetrics>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClaudeGrainsMetrics>());
        services.AddSingleton<ClusterSessionCountsSampler>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClusterSessionCountsSampler>());
        services.AddGrainService<SessionDirectoryService>();
        services.AddSingleton<ISessionDirectoryClient, SessionDirectoryClient>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ConfiguredSessionsRegistrar>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CliProcessJanitor>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, HostCpuYield>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
