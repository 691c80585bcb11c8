using System.Diagnostics;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// The process's managed heap (the bytes of live objects) and resident set, taken after full, compacting collections;
/// the last one is aggressive, so that memory the heap no longer needs goes back to the OS and the resident set means
/// what it says.
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

        // What that collection left alive. GC.GetTotalMemory was not: in a process that had hosted other suites first
        // it once read 3.4 MB below the generations' live bytes (exactly a free gen0 region's size), which put 340
        // bytes on every one of 10,000 hibernated sessions.
        var collection = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var self = Process.GetCurrentProcess();
        return new MemorySnapshot(collection.HeapSizeBytes - collection.FragmentedBytes, self.WorkingSet64);
    }

    public static MemorySnapshot operator -(MemorySnapshot a, MemorySnapshot b) => new(a.HeapBytes - b.HeapBytes, a.RssBytes - b.RssBytes);
}
