using System.Diagnostics;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>The silo process's managed heap and resident set, taken after a full, compacting collection.</summary>
internal readonly record struct MemorySnapshot(long HeapBytes, long RssBytes)
{
    public static MemorySnapshot Take()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var self = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }

    public static MemorySnapshot operator -(MemorySnapshot a, MemorySnapshot b) => new(a.HeapBytes - b.HeapBytes, a.RssBytes - b.RssBytes);
}
