using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Sessions;
using ClaudeGrains.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// A silo hosted in the benchmark's own process, configured like the real host, for the memory suite: only in process
/// can the silo's managed heap be measured after a full collection.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessSilo> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort.Next(), gatewayPort: FreePort.Next())
            .AddClaudeGrains(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    /// <summary>Waits until at most <paramref name="count"/> session grains are activated (the others hibernated).</summary>
    public async Task WaitForSessionActivationsAsync(int count, TimeSpan timeout)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var statistics = await management.GetSimpleGrainStatistics();
            if (statistics.Where(s => s.GrainType.Contains(nameof(ClaudeSessionGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount) <= count)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
