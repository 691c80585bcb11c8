using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Benchmarks;

/// <summary>An in-process silo configured like the real host, driving the fault-injection CLI (answers at once).</summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DirectoryInfo _dataRoot;

    private BenchmarkSilo(IHost host, DirectoryInfo dataRoot)
    {
        _host = host;
        _dataRoot = dataRoot;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchmarkSilo> StartAsync(string cliPath, int maxLiveProcesses)
    {
        var dataRoot = Directory.CreateTempSubdirectory("claudegrains-bench-");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClaudeGrains:DataRoot"] = dataRoot.FullName,
            ["ClaudeGrains:Cli:Path"] = cliPath,
            ["ClaudeGrains:ApiKey"] = "",
            ["ClaudeGrains:Supervision:MaxLiveProcesses"] = maxLiveProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: 21111, gatewayPort: 31111).AddClaudeGrains(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkSilo(host, dataRoot);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _dataRoot.Delete(recursive: true);
    }
}
