using System.Runtime.InteropServices;

namespace ClaudeGrains.Cli.Transport;

/// <summary>
/// Lets a host's threads yield the CPU to the CLI processes it starts. On Linux the host's threads move to the
/// <c>SCHED_BATCH</c> policy: the same share of the CPU as before, but a host thread woken by a CLI's output no longer
/// preempts the CLI running on that core. It runs when the CLI's time slice ends, and finds more lines waiting by then.
/// A process inherits the policy of the thread that starts it, so processes are started through
/// <see cref="StartChild{T}"/>, which starts them under the normal policy.
/// </summary>
/// <remarks>
/// The policy belongs to the operating-system process, so this is process-wide state and cannot be undone. An
/// unprivileged process may switch its own threads between the normal and the batch policy.
/// </remarks>
public static class HostScheduling
{
    private const int SchedOther = 0;
    private const int SchedBatch = 3;
    private const int NoSuchThread = 3; // ESRCH: the thread exited while the threads were walked.
    private const int MaxSweeps = 10;
    private static readonly Lock Gate = new();
    private static volatile bool s_yielding;

    /// <summary>
    /// Moves every thread of this process that runs under the normal policy to <c>SCHED_BATCH</c>. Threads created later
    /// inherit it, except those whose policy the creator sets itself: the .NET runtime does so for every thread it
    /// starts, with the normal policy, so call this again from time to time. Returns false, changing nothing, where
    /// there is no such policy (anything but Linux).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The kernel refused the change (the message gives the errno); threads already moved stay moved.
    /// </exception>
    public static bool YieldToChildren()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        lock (Gate)
        {
            if (!TrySetPolicy(0, SchedBatch, out var errno))
            {
                throw new InvalidOperationException($"sched_setscheduler(SCHED_BATCH) failed with errno {errno}.");
            }

            s_yielding = true;
            if (SweepThreads() is not 0 and var refused)
            {
                throw new InvalidOperationException($"sched_setscheduler(SCHED_BATCH) on one of the process's threads failed with errno {refused}.");
            }
        }

        return true;
    }

    /// <summary>
    /// Runs <paramref name="start"/>, which starts a process, with the calling thread under the normal policy, so that
    /// the process does not inherit the host's batch policy. Without <see cref="YieldToChildren"/> it just runs it.
    /// </summary>
    public static T StartChild<T>(Func<T> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!s_yielding)
        {
            return start();
        }

        // One start at a time: a sweep run by another start must not move this thread back before it forks.
        lock (Gate)
        {
            TrySetPolicy(0, SchedOther, out _);
            try
            {
                return start();
            }
            finally
            {
                TrySetPolicy(0, SchedBatch, out _);
                // A thread the start created meanwhile (a thread-pool worker, say) inherited the normal policy. Best
                // effort: a thread left as it was only preempts again.
                SweepThreads();
            }
        }
    }

    /// <summary>Moves every thread under the normal policy to the batch policy; returns 0, or the first errno refused.</summary>
    private static int SweepThreads()
    {
        // A thread created during a sweep by a thread not yet moved inherits the normal policy: sweep until none is.
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var moved = 0;
            foreach (var directory in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var threadId) || NativeMethods.sched_getscheduler(threadId) != SchedOther)
                {
                    continue;
                }

                if (TrySetPolicy(threadId, SchedBatch, out var errno))
                {
                    moved++;
                }
                else if (errno != NoSuchThread)
                {
                    return errno;
                }
            }

            if (moved == 0)
            {
                break;
            }
        }

        return 0;
    }

    private static bool TrySetPolicy(int threadId, int policy, out int errno)
    {
        var priority = 0; // struct sched_param: the static priority, 0 for the normal and batch policies.
        if (NativeMethods.sched_setscheduler(threadId, policy, ref priority) == 0)
        {
            errno = 0;
            return true;
        }

        errno = Marshal.GetLastPInvokeError();
        return false;
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code; the calls are rare.
        [DllImport("libc", SetLastError = true)]
        public static extern int sched_setscheduler(int pid, int policy, ref int param);

        [DllImport("libc", SetLastError = true)]
        public static extern int sched_getscheduler(int pid);
#pragma warning restore SYSLIB1054
    }
}
