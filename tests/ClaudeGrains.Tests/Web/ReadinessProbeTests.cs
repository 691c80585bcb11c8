using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>The silo host's CLI readiness check leaves no process behind, even when its probe gives up first.</summary>
public sealed class ReadinessProbeTests : IAsyncLifetime
{
    // A sleep no other test starts, so that its process is this test's alone.
    private const string HangingCommand = "sleep 987654";
    private readonly SiloHosts _hosts = new("probe");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // the silo's processes are counted in /proc
    public async Task A_probe_that_gives_up_on_a_hanging_CLI_leaves_no_process_behind()
    {
        var cli = Path.Combine(_hosts.Root, "hanging-claude");
        await File.WriteAllTextAsync(cli, $"#!/bin/sh\nexec {HangingCommand}\n");
        File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (_, web) = await _hosts.StartAsync(new() { ["ClaudeGrains:Cli:Path"] = cli });
        using var impatient = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromSeconds(1) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("health/ready"));

        // The check learns of the probe's departure from its connection; nothing says when it has acted on it.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (HangingProcesses().Count > 0 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.Empty(HangingProcesses());
    }

    private static List<int> HangingProcesses() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim() == HangingCommand;
                }
                catch (IOException)
                {
                    return false; // gone meanwhile
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .Select(pid => int.Parse(pid!))
            .ToList();
}
