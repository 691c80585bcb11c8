using System.Diagnostics;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Freezes and thaws processes (SIGSTOP / SIGCONT), to stand for a CLI that stopped answering.</summary>
public static class ProcessSignals
{
    public static void Freeze(int pid) => Kill("-STOP", pid);

    public static void Thaw(int pid) => Kill("-CONT", pid);

    private static void Kill(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
