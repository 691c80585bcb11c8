using System.Diagnostics;
using System.Text;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// Kills the processes this run started and left behind (silos and CLIs after a crash or Ctrl-C, a stuck raw driver):
/// exactly those whose <c>CLAUDE_CONFIG_DIR</c> or silo data root lies under the run's own temporary data root,
/// never anyone else's. It returns once they are gone, so a run that exits right after leaves nothing running.
/// </summary>
internal static class Leftovers
{
    public static int KillUnder(string dataRoot)
    {
        var configDirectory = Encoding.UTF8.GetBytes("CLAUDE_CONFIG_DIR=" + dataRoot);
        var siloDataRoot = Encoding.UTF8.GetBytes("--ClaudeGrains:DataRoot=" + dataRoot);
        var killed = new List<Process>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(configDirectory) >= 0
                    || File.ReadAllBytes(Path.Combine(dir, "cmdline")).AsSpan().IndexOf(siloDataRoot) >= 0)
                {
                    var process = Process.GetProcessById(pid);
                    killed.Add(process);
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        foreach (var process in killed)
        {
            try
            {
                // SIGKILL is delivered, not yet acted on, when kill() returns.
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already reaped.
            }
            finally
            {
                process.Dispose();
            }
        }

        return killed.Count;
    }
}
