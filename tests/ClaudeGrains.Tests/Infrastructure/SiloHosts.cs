namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// Silo host processes a test class starts (see <see cref="SiloProcess.StartWithWebAsync"/>), each with its files
/// under one temporary root; disposing kills them all and deletes the root.
/// </summary>
public sealed class SiloHosts(string name) : IAsyncDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory($"claudegrains-{name}-");
    private readonly List<SiloProcess> _silos = [];

    /// <summary>The temporary root, for files a test puts next to the silos'.</summary>
    public string Root => _root.FullName;

    /// <summary>
    /// Starts one more silo host, with its own data root and <paramref name="environment"/> added to this process's,
    /// and returns it with the address of its web front.
    /// </summary>
    public async Task<(SiloProcess Silo, Uri Web)> StartAsync(Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var started = await SiloProcess.StartWithWebAsync(Path.Combine(Root, $"silo{_silos.Count}"), settings, environment);
        _silos.Add(started.Silo);
        return started;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _root.Delete(recursive: true);
    }
}
