using ClaudeGrains.Benchmarks.Raw;
using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// A silo process, an external client of it, and a raw launcher configured from the very same settings, so both
/// sides of a comparison start the CLI with the same executable, argv and environment.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<BenchmarkClient> _otherClients = [];

    private SiloCluster(SiloProcess silo, BenchmarkClient client, RawCliLauncher raw)
    {
        Silo = silo;
        Client = client;
        Raw = raw;
    }

    public SiloProcess Silo { get; }

    public BenchmarkClient Client { get; }

    public RawCliLauncher Raw { get; }

    public static async Task<SiloCluster> StartAsync(string repositoryRoot, IReadOnlyDictionary<string, string> settings)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build()
            .GetSection(ClaudeGrainsOptions.SectionName).Get<ClaudeGrainsOptions>() ?? new ClaudeGrainsOptions();
        var silo = await SiloProcess.StartAsync(repositoryRoot, settings);
        try
        {
            return new SiloCluster(silo, await BenchmarkClient.ConnectAsync(silo), new RawCliLauncher(options));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>A second, independent client (e.g. a stream subscriber elsewhere).</summary>
    public async Task<BenchmarkClient> ConnectAnotherClientAsync()
    {
        var client = await BenchmarkClient.ConnectAsync(Silo);
        _otherClients.Add(client);
        return client;
    }

    /// <summary>Waits until the silo and its CLI processes have finished their background work.</summary>
    public Task WaitForQuietAsync() => ProcessTree.WaitForQuietAsync(Silo.ProcessId);

    /// <summary>Terminates sessions through the manager: their processes stop and their state goes.</summary>
    public async Task EndSessionsAsync(IEnumerable<string> names)
    {
        foreach (var batch in names.Chunk(100))
        {
            await Task.WhenAll(batch.Select(n => Client.Manager.TerminateSessionAsync(n)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _otherClients)
        {
            await client.DisposeAsync();
        }

        await Client.DisposeAsync();
        await Silo.DisposeAsync();
        Raw.KillLeftovers();
    }
}
