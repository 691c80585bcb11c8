namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>Progress on stderr, so that the report on stdout stays clean.</summary>
internal static class Progress
{
    public static void Say(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static void Tick(int done, int total)
    {
        if (done == total || done % Math.Max(1, total / 10) == 0)
        {
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}]   {done}/{total}");
        }
    }
}
