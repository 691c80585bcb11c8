using System.Diagnostics;
using System.Globalization;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Testing;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>The real silo host (silo/) as a separate process, configured through its command line.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            _output.Enqueue(line);
            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                _started.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _output.Enqueue(line);
            }
        };
        _process.Exited += (_, _) => _started.TrySetException(new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it started."));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    /// <summary>Every line the silo wrote to its stdout and stderr (its console log) so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>
    /// Starts the silo with <paramref name="settings"/> as configuration overrides, and <paramref name="environment"/>
    /// added to this process's environment, and waits until it is up.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // .../bin/<Configuration>/net10.0/
        var dll = Path.Combine(RepositoryPaths.Root, "silo", "bin", configuration, "net10.0", "ClaudeGrains.Silo.dll");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(dll);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        foreach (var (key, value) in settings)
        {
            startInfo.ArgumentList.Add($"--{key}={value}");
        }

        if (!settings.ContainsKey("urls"))
        {
            // Several silos run side by side; the web front of each takes any free loopback port.
            startInfo.ArgumentList.Add("--urls=http://127.0.0.1:0");
        }

        // ...and so do their silo and gateway endpoints, unless a test needs to know them.
        foreach (var port in (string[])["ClaudeGrains:Clustering:SiloPort", "ClaudeGrains:Clustering:GatewayPort"])
        {
            if (!settings.ContainsKey(port))
            {
                startInfo.ArgumentList.Add($"--{port}={FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
            }
        }

        var silo = new SiloProcess(Process.Start(startInfo)!);
        await silo._started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>
    /// Starts the silo host with its files under <paramref name="dataRoot"/> and, unless <paramref name="settings"/>
    /// say otherwise, the fault CLI and no warm pool, and returns it with the address of its web front.
    /// </summary>
    public static async Task<(SiloProcess Silo, Uri Web)> StartWithWebAsync(string dataRoot, Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var web = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        settings["urls"] = web.ToString().TrimEnd('/');
        settings["ClaudeGrains:DataRoot"] = dataRoot;
        settings.TryAdd("ClaudeGrains:Cli:Path", RepositoryPaths.FaultCli);
        settings.TryAdd("ClaudeGrains:WarmPool:Size", "0");
        return (await StartAsync(settings, environment), web);
    }

    /// <summary>Asks the silo to shut down (SIGTERM) and waits for it to leave.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            ProcessReaper.Terminate(_process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
