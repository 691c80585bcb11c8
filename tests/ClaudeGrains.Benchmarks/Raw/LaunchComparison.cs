using ClaudeGrains.Benchmarks.Infrastructure;

namespace ClaudeGrains.Benchmarks.Raw;

/// <summary>
/// Proves a comparison fair: the CLI process a session started has the argv and the CLI's environment variables of
/// the raw launch it is compared with (only the per-silo config directory differs, by design).
/// </summary>
internal static class LaunchComparison
{
    public static void Verify(int sessionProcessId, RawCliLaunch raw)
    {
        var commandLine = ProcessTree.CommandLineOf(sessionProcessId);
        var arguments = commandLine.Skip(commandLine.Count - raw.Arguments.Count).ToList();
        if (commandLine.Count <= raw.Arguments.Count || !arguments.SequenceEqual(raw.Arguments))
        {
            throw new InvalidOperationException(
                $"The session's CLI runs with other arguments than the raw driver's: [{string.Join(' ', commandLine.Skip(1))}] vs [{string.Join(' ', raw.Arguments)}].");
        }

        var environment = ProcessTree.EnvironmentOf(sessionProcessId);
        foreach (var (name, value) in raw.Environment)
        {
            environment.TryGetValue(name, out var actual);
            var same = name == "CLAUDE_CONFIG_DIR"
                ? actual is not null && value is not null && Path.GetFileName(actual) == Path.GetFileName(value)
                : actual == value;
            if (!same)
            {
                // Names only: values may be secrets.
                throw new InvalidOperationException($"The session's CLI has another value of {name} than the raw driver's.");
            }
        }
    }
}
