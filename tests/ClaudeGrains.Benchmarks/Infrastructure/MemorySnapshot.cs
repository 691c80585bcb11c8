using System.Diagnostics;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// The process's managed heap and resident set, taken after full, compacting collections; the last one is aggressive,
/// so that memory the heap no longer needs goes back to the OS and the resident set means what it says.
/// </summary>
internal readonly record struct MemorySnapshot(long HeapBytes, long RssBytes)
{
    public static MemorySnapshot Take()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), self.WorkingSet64);
    }

    public static MemorySnapshot operator -(MemorySnapshot a, MemorySnapshot b) => new(a.HeapBytes - b.HeapBytes, a.RssBytes - b.RssBytes);
}
