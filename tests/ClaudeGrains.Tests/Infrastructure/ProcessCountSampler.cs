namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Samples how many CLI processes (not their helpers) of a cluster are alive, in the background, and keeps the most seen.</summary>
public sealed class ProcessCountSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _most;

    public ProcessCountSampler(ClusterFixture cluster) => _sampling = SampleAsync(cluster);

    /// <summary>The most processes seen alive at one sample.</summary>
    public int Most => Volatile.Read(ref _most);

    private async Task SampleAsync(ClusterFixture cluster)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        try
        {
            do
            {
                Volatile.Write(ref _most, Math.Max(_most, cluster.LiveCliRootProcesses().Count));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Sampling ends with the test.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
