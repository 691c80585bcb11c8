using System.Runtime.InteropServices;
using System.Text;

namespace ClaudeGrains.Cli.Transport;

/// <summary>
/// Finds and kills the processes a CLI process left behind. Every CLI process is started with a tag in its
/// environment (<see cref="TagVariable"/>); children inherit it, so the whole tree is found through
/// <c>/proc/*/environ</c> even after re-parenting, which a parent-pid walk cannot do.
/// </summary>
public static class ProcessReaper
{
    /// <summary>The environment variable that carries a process's tag.</summary>
    public const string TagVariable = "CLAUDEGRAINS_PROCESS_TAG";

    private const int SigTerm = 15;
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    /// <summary>Makes a unique tag that starts with <paramref name="prefix"/> (e.g. one per silo data root).</summary>
    public static string NewTag(string prefix) => $"{prefix}:{Guid.NewGuid():N}";

    /// <summary>The ids of live processes whose tag equals <paramref name="tag"/>, or starts with it when <paramref name="prefixMatch"/>.</summary>
    public static IReadOnlyList<int> FindTagged(string tag, bool prefixMatch = false) => FindByEnvironment(TagVariable, tag, prefixMatch);

    /// <summary>
    /// The ids of live processes (this one excluded) whose environment sets <paramref name="variable"/> to
    /// <paramref name="value"/>, or to a value that starts with it when <paramref name="prefixMatch"/>. Empty where
    /// there is no <c>/proc</c> (anything but Linux).
    /// </summary>
    public static IReadOnlyList<int> FindByEnvironment(string variable, string value, bool prefixMatch = false)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        var needle = Encoding.UTF8.GetBytes($"{variable}={value}");
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            byte[] environ;
            try
            {
                environ = File.ReadAllBytes(Path.Combine(dir, "environ"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // exited meanwhile, or not ours to read
            }

            if (HasEntry(environ, needle, prefixMatch))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>
    /// Kills (SIGKILL) every live process tagged <paramref name="tag"/> and waits until they have exited;
    /// returns how many were signalled.
    /// </summary>
    public static int KillTagged(string tag, bool prefixMatch = false) => Kill(FindTagged(tag, prefixMatch));

    /// <summary>
    /// Kills (SIGKILL) these processes with their process trees and waits until they have exited; returns how many
    /// were signalled (those already gone are skipped). Best effort: a process this one may not signal (another
    /// user's, such as a <c>sudo</c> a tool ran) is left alive and stops nothing else.
    /// </summary>
    public static int Kill(IEnumerable<int> processIds)
    {
        ArgumentNullException.ThrowIfNull(processIds);
        var killed = new List<System.Diagnostics.Process>();
        foreach (var pid in processIds)
        {
            System.Diagnostics.Process process;
            try
            {
                process = System.Diagnostics.Process.GetProcessById(pid);
            }
            catch (ArgumentException)
            {
                continue; // already gone
            }

            try
            {
                process.Kill(entireProcessTree: true);
                killed.Add(process);
            }
            catch (AggregateException)
            {
                // Part of the tree refused the signal (EPERM); the rest, this process first, was signalled.
                killed.Add(process);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                process.Dispose(); // already gone
            }
        }

        // SIGKILL is delivered at once but the process exits when next scheduled; "reaped" must mean gone.
        foreach (var process in killed)
        {
            using (process)
            {
                process.WaitForExit(KillWait);
            }
        }

        return killed.Count;
    }

    /// <summary>Asks a process to stop (SIGTERM on Unix; no-op elsewhere).</summary>
    public static void Terminate(int pid)
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = NativeMethods.kill(pid, SigTerm);
        }
    }

    private static bool HasEntry(byte[] environ, byte[] needle, bool prefixMatch)
    {
        var span = environ.AsSpan();
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)0);
            var entry = end < 0 ? span : span[..end];
            if (prefixMatch ? entry.StartsWith(needle) : entry.SequenceEqual(needle))
            {
                return true;
            }

            span = end < 0 ? default : span[(end + 1)..];
        }

        return false;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code; the call is rare.
        public static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
    }
}
