using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Grains.Telemetry;

/// <summary>
/// Keeps the latest cluster-wide <see cref="SessionCounts"/> for the gauges that cannot be read locally: a hibernated
/// session releases its activation, so only the manager's registry knows how many there are. Sampled on a timer
/// (gauge callbacks cannot call grains), from the moment the silo is active until it stops.
/// </summary>
public sealed class ClusterSessionCountsSampler(IGrainFactory grains, ILogger<ClusterSessionCountsSampler> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How often the counts are refreshed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>The latest counts, or null before the first sample.</summary>
    public SessionCounts? Latest { get; private set; }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterSessionCountsSampler), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(SampleAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        var manager = grains.GetGrain<IClaudeSessionManagerGrain>(ClaudeSessionManager.Key);
        try
        {
            do
            {
                try
                {
                    Latest = await manager.CountSessionsAsync();
                }
                catch (Exception ex) when (!_stopping.IsCancellationRequested)
                {
                    // A metric sample is not worth an alarm; the manager's own failures are logged where they happen.
                    logger.LogDebug(ex, "Could not sample the cluster's session counts");
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}
