using System.Text;
using ClaudeGrains.Cli.Transport;

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
        var found = new List<int>();
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
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return ProcessReaper.Kill(found);
    }
}
