using System.Globalization;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// A process and its descendants, read from <c>/proc</c>: their CPU time, whether they are quiet, whether one exited.
/// Used to let a silo finish its background work (a warm pool refilling, a CLI writing its transcript, a deactivation)
/// before the next sample, instead of sleeping for a guessed time.
/// </summary>
internal static class ProcessTree
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU time (user + system) of <paramref name="rootPid"/> and every live descendant, in seconds.</summary>
    public static double CpuSeconds(int rootPid)
    {
        var stats = ReadAll();
        var tree = new HashSet<int> { rootPid };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, stat) in stats)
            {
                if (!tree.Contains(pid) && tree.Contains(stat.ParentId))
                {
                    grew = tree.Add(pid);
                }
            }
        }
        while (grew);

        return stats.Where(s => tree.Contains(s.Key)).Sum(s => s.Value.CpuTicks) / TicksPerSecond;
    }

    /// <summary>CPU time (user + system, all threads) of the single process <paramref name="pid"/>, in seconds; 0 once it is gone.</summary>
    public static double CpuSecondsOf(int pid) => TryRead(pid, out var stat) ? stat.CpuTicks / TicksPerSecond : 0;

    /// <summary>
    /// Waits until the tree used under 5% of a core for a quarter of a second, or <paramref name="timeout"/> passed
    /// (then it goes on regardless: a busy shared machine must not stall the run).
    /// </summary>
    public static async Task WaitForQuietAsync(int rootPid, TimeSpan? timeout = null)
    {
        var window = TimeSpan.FromMilliseconds(250);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var before = CpuSeconds(rootPid);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(window);
            var now = CpuSeconds(rootPid);
            if (now - before <= 0.05 * window.TotalSeconds)
            {
                return;
            }

            before = now;
        }
    }

    /// <summary>Whether <paramref name="pid"/> is alive (a zombie has exited).</summary>
    public static bool IsAlive(int pid) => TryRead(pid, out var stat) && stat.State != 'Z';

    /// <summary>Waits until <paramref name="pid"/> (which need not be our child) has exited.</summary>
    public static async Task WaitForExitAsync(int pid, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (IsAlive(pid))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    /// <summary>The proportional and resident set sizes of <paramref name="pid"/>, in bytes.</summary>
    public static (long Pss, long Rss) MemoryOf(int pid)
    {
        long pss = 0, rss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            if (line.StartsWith("Pss:", StringComparison.Ordinal))
            {
                pss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
        }

        return (pss, rss);
    }

    /// <summary>The argv of <paramref name="pid"/>.</summary>
    public static IReadOnlyList<string> CommandLineOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');

    /// <summary>The environment of <paramref name="pid"/>.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0])
            .ToDictionary(g => g.Key, g => g.First()[1]);

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static Dictionary<int, Stat> ReadAll()
    {
        var all = new Dictionary<int, Stat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryRead(pid, out var stat))
            {
                all[pid] = stat;
            }
        }

        return all;
    }

    private static bool TryRead(int pid, out Stat stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // The command name may hold spaces and parentheses; the fields after its closing one are plain.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        stat = new Stat(
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        return true;
    }

    private readonly record struct Stat(char State, int ParentId, long CpuTicks);
}
