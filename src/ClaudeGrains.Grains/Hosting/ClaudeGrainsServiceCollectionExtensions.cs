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
    /// <summary>Binds <see cref="ClaudeGrainsOptions"/> to the <c>ClaudeGrains</c> section and registers the CLI process factory.</summary>
    public static IServiceCollection AddClaudeGrains(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClaudeGrainsOptions.SectionName);
        services.AddOptions<ClaudeGrainsOptions>()
            .Bind(section)
            .Configure(o => ConfiguredEmptyLists.Keep(o, section))
            .Validate(ValidateSessions, "ClaudeGrains:Sessions / Defaults hold an invalid session name or option (see the startup log).")
            .Validate(o => o.WarmPool.Size >= 0 && o.WarmPool.HandOverTimeout > TimeSpan.Zero,
                "ClaudeGrains:WarmPool:Size must be 0 (off) or more and ClaudeGrains:WarmPool:HandOverTimeout positive.")
            .Validate(o => Enum.IsDefined(o.WarmPool.WarmUp) && o.WarmPool.WarmUpTimeout > TimeSpan.Zero,
                "ClaudeGrains:WarmPool:WarmUp must be None or ContextUsage and ClaudeGrains:WarmPool:WarmUpTimeout positive.")
            .Validate(o => o.Streams.BatchInterval >= TimeSpan.Zero, "ClaudeGrains:Streams:BatchInterval must be zero or more.")
            .ValidateOnStart();
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

    private static bool ValidateSessions(ClaudeGrainsOptions options)
    {
        options.Defaults?.Validate();
        foreach (var (name, sessionOptions) in options.Sessions)
        {
            SessionName.Validate(name);
            sessionOptions.Validate();
        }

        return true;
    }
}
