namespace ClaudeGrains.Benchmarks.Raw;

/// <summary>Everything needed to spawn one CLI process: executable, argv, environment changes, working directory, tag.</summary>
internal sealed record RawCliLaunch(
    string ExecutablePath,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string WorkingDirectory,
    string Tag);
