namespace ClaudeGrains.Cli.Tests;

/// <summary>Lines recorded from the real CLI 2.1.197 (run against a local fake API).</summary>
internal static class Fixture
{
    public static string[] Lines(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)).Where(l => l.Length > 0).ToArray();
}
