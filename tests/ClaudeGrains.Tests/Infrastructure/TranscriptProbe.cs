namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// Watches the CLI's transcript files. The CLI writes a turn to its transcript shortly after the result line,
/// so a test that kills the CLI "between queries" first waits for the flush, driven by file-system events.
/// </summary>
public static class TranscriptProbe
{
    public static async Task WaitForTextAsync(string dataRoot, string cliSessionId, string text, TimeSpan timeout)
    {
        var fileName = $"{cliSessionId}.jsonl";
        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(dataRoot, fileName) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        watcher.Changed += (_, _) => changed.Release();
        watcher.Created += (_, _) => changed.Release();
        using var deadline = new CancellationTokenSource(timeout);
        while (!Contains(dataRoot, fileName, text))
        {
            await changed.WaitAsync(deadline.Token);
        }
    }

    private static bool Contains(string dataRoot, string fileName, string text) =>
        Directory.EnumerateFiles(dataRoot, fileName, SearchOption.AllDirectories).Any(f => ReadShared(f).Contains(text, StringComparison.Ordinal));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
