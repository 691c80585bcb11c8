using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>An external cluster client connected to a <see cref="SiloProcess"/> over TCP, with the session event streams.</summary>
internal sealed class BenchmarkClient : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public IClaudeSessionManagerGrain Manager => Client.GetGrain<IClaudeSessionManagerGrain>(ClaudeSessionManager.Key);

    public IClaudeSessionGrain Session(string name) => Client.GetGrain<IClaudeSessionGrain>(name);

    public static async Task<BenchmarkClient> ConnectAsync(SiloProcess silo)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, silo.GatewayPort))
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = silo.ClusterId;
                o.ServiceId = "default";
            })
            .AddMemoryStreams(ClaudeStreams.ProviderName));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
