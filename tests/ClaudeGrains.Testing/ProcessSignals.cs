using System.Diagnostics;
using System.Globalization;

namespace ClaudeGrains.Testing;

/// <summary>
/// Sends POSIX signals to processes: freezes and thaws them (SIGSTOP / SIGCONT), to stand for a CLI that stopped
/// answering, or interrupts them (SIGINT), as Ctrl-C in a terminal does.
/// </summary>
public static class ProcessSignals
{
    /// <summary>Stops <paramref name="pid"/> until it is thawed.</summary>
    public static void Freeze(int pid) => Kill("-STOP", pid);

    /// <summary>Lets a frozen <paramref name="pid"/> run again.</summary>
    public static void Thaw(int pid) => Kill("-CONT", pid);

    /// <summary>Sends SIGINT to <paramref name="pid"/>.</summary>
    public static void Interrupt(int pid) => Kill("-INT", pid);

    private static void Kill(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
