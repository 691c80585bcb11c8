using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Grains.Management;

/// <summary>
/// Registers the sessions of <c>ClaudeGrains:Sessions</c> (with <c>Defaults</c> applied) when the silo becomes active,
/// like the children of a supervision tree. Idempotent across silos and restarts.
/// </summary>
internal sealed class ConfiguredSessionsRegistrar(IGrainFactory grains, IOptions<ClaudeGrainsOptions> options, ILogger<ConfiguredSessionsRegistrar> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ConfiguredSessionsRegistrar), ServiceLifecycleStage.Active, RegisterAsync);

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<ISessionRegistry>(ClaudeSessionManager.Key);
        foreach (var (name, sessionOptions) in options.Value.Sessions)
        {
            await registry.EnsureConfiguredAsync(name, SessionOptionsDefaults.Apply(sessionOptions, options.Value.Defaults));
        }

        if (options.Value.Sessions.Count > 0)
        {
            logger.LogInformation("Registered {Count} session(s) from configuration", options.Value.Sessions.Count);
        }
    }
}
