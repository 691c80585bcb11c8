using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace ClaudeGrains.Cli.Tests;

/// <summary>
/// Runs code on a thread of its own without CAP_KILL, so a root test process signals other users' processes as a
/// non-root silo would: it gets EPERM. Capabilities belong to a thread, so the rest of the process keeps its own.
/// </summary>
internal static class ThreadCapabilities
{
    private const uint CapabilityVersion3 = 0x20080522;
    private const int CapKill = 5;

    public static T WithoutKill<T>(Func<T> action)
    {
        var result = default(T)!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropKill();
                result = action();
            }
            catch (Exception ex)
            {
                error = ExceptionDispatchInfo.Capture(ex);
            }
        });
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    private static void DropKill()
    {
        var header = new CapHeader { Version = CapabilityVersion3 };
        var data = new CapData[2];
        if (NativeMethods.capget(ref header, data) != 0)
        {
            throw new InvalidOperationException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        }

        data[0].Effective &= ~(1u << CapKill);
        if (NativeMethods.capset(ref header, data) != 0)
        {
            throw new InvalidOperationException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // DllImport keeps the test project free of unsafe code.
        [DllImport("libc", SetLastError = true)]
        public static extern int capget(ref CapHeader header, [In, Out] CapData[] data);

        [DllImport("libc", SetLastError = true)]
        public static extern int capset(ref CapHeader header, [In] CapData[] data);
#pragma warning restore SYSLIB1054
    }
}
