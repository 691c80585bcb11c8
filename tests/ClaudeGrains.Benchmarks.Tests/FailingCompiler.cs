namespace ClaudeGrains.Benchmarks.Tests;

/// <summary>
/// A <c>cc</c> that fails, in a temporary folder put first on the <c>PATH</c> of the benchmark it is given to: that
/// run's orchestration suite cannot build its instant responder, so it fails after the suites before it have run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class FailingCompiler : IDisposable
{
    /// <summary>How the orchestration suite reports this compiler's failure.</summary>
    public const string SuiteError = "cc could not build the instant responder (exit 3): cc: broken on purpose";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("claudegrains-bench-test-cc-");

    private FailingCompiler()
    {
    }

    /// <summary>The compiler's own folder, removed with it; a test may keep other files there.</summary>
    public string Folder => _folder.FullName;

    /// <summary>The environment to start the benchmark with: a <c>PATH</c> that finds this <c>cc</c> first.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["PATH"] = $"{Folder}:{System.Environment.GetEnvironmentVariable("PATH")}" };

    /// <summary>Creates the compiler; <paramref name="firstRuns"/>, given its folder, returns shell lines it runs before it fails.</summary>
    public static async Task<FailingCompiler> CreateAsync(Func<string, string>? firstRuns = null)
    {
        var compiler = new FailingCompiler();
        var cc = Path.Combine(compiler.Folder, "cc");
        await File.WriteAllTextAsync(cc, $"#!/bin/sh\n{firstRuns?.Invoke(compiler.Folder)}\necho 'cc: broken on purpose' >&2\nexit 3\n");
        File.SetUnixFileMode(cc, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return compiler;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
