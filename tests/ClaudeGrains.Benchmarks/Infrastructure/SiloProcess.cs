using System.Diagnostics;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Testing;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// The real silo host (<c>silo/</c>) as a separate process, configured through its command line, so that the silo's
/// CPU and memory are its own and clients reach it over TCP like any deployment.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _lastLines = new();

    private SiloProcess(Process process, int gatewayPort, string clusterId)
    {
        _process = process;
        GatewayPort = gatewayPort;
        ClusterId = clusterId;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _started.TrySetException(new InvalidOperationException(
            $"The silo exited with code {_process.ExitCode} before it started. Its last lines:{Environment.NewLine}{LastLines}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public int GatewayPort { get; }

    public string ClusterId { get; }

    private string LastLines
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join(Environment.NewLine, _lastLines);
            }
        }
    }

    /// <summary>
    /// Starts the silo with <paramref name="settings"/> (configuration keys) on free ports, logging only warnings
    /// (as a production host writing to a log sink would; console output is not what is measured), and waits until
    /// it accepts clients.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string repositoryRoot, IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // .../bin/<Configuration>/net10.0/
        var dll = Path.Combine(repositoryRoot, "silo", "bin", configuration, "net10.0", "ClaudeGrains.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The silo host is not built at {dll}; build the solution in {configuration} first.");
        }

        var gatewayPort = FreePort.Next();
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var all = new Dictionary<string, string>(settings)
        {
            ["ClaudeGrains:Clustering:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ClaudeGrains:Clustering:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ClaudeGrains:Clustering:ClusterId"] = clusterId,
            // Several silos run side by side; each web front takes any free loopback port.
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(dll);
        foreach (var (key, value) in all)
        {
            startInfo.ArgumentList.Add($"--{key}={value}");
        }

        var silo = new SiloProcess(Process.Start(startInfo)!, gatewayPort, clusterId);
        try
        {
            await silo._started.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>Asks the silo to shut down (SIGTERM: it stops its CLI processes gracefully) and waits for it to leave.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            ProcessReaper.Terminate(_process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
