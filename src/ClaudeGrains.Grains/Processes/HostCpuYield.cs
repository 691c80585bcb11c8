using System.Runtime.InteropServices;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Grains.Processes;

/// <summary>
/// With <see cref="ClaudeCliHostOptions.YieldCpuToCli"/> on, moves the host's threads to <c>SCHED_BATCH</c> once the
/// silo is up, and keeps them there (see <see cref="HostScheduling"/>). The silo's threads wake for every few lines a
/// CLI writes; preempting the CLI each time cost the CLIs CPU and the silo more wake-ups per answer.
/// </summary>
/// <remarks>
/// New threads would inherit the policy, but the runtime sets one explicitly on every thread it starts (thread-pool
/// workers included), taken from the C library's cached copy of the creating thread's policy, which still says normal
/// (strace shows <c>sched_setscheduler(tid, SCHED_OTHER)</c> for each). So the threads are swept again every
/// <see cref="SweepInterval"/> (a few dozen system calls), and at every CLI start.
/// </remarks>
internal sealed class HostCpuYield(IOptions<ClaudeGrainsOptions> options, TimeProvider time, ILogger<HostCpuYield> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>How often threads started under the normal policy since the last sweep are moved.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeping = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
    {
        // Active: the silo's own threads (the socket engine's among them) exist by then.
        lifecycle.Subscribe(nameof(HostCpuYield), ServiceLifecycleStage.Active, Start, Stop);
    }

    public void Dispose() => _stopping.Dispose();

    private Task Start(CancellationToken cancellationToken)
    {
        if (!options.Value.Cli.YieldCpuToCli || !TryYield())
        {
            return Task.CompletedTask;
        }

        logger.LogInformation("The host's threads yield the CPU to the CLI processes: they run under SCHED_BATCH (ClaudeGrains:Cli:YieldCpuToCli)");
        _sweeping = SweepAsync();
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _sweeping;
    }

    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token) && TryYield())
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool TryYield()
    {
        try
        {
            if (HostScheduling.YieldToChildren())
            {
                return true;
            }

            logger.LogInformation("ClaudeGrains:Cli:YieldCpuToCli has no effect on {OperatingSystem}: only Linux has SCHED_BATCH", RuntimeInformation.OSDescription);
        }
        catch (InvalidOperationException ex)
        {
            // A scheduling preference is not worth failing the silo for.
            logger.LogWarning("ClaudeGrains:Cli:YieldCpuToCli: could not move the host's threads to SCHED_BATCH ({Error}); those not moved preempt the CLI processes", ex.Message);
        }

        return false;
    }
}
