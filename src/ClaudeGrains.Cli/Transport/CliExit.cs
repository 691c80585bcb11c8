namespace ClaudeGrains.Cli.Transport;

/// <summary>How a CLI process ended.</summary>
/// <param name="ExitCode">The exit code; on Unix, 128 + N for a process killed by signal N.</param>
/// <param name="StderrTail">The end of what the process wrote on stderr.</param>
/// <param name="StoppedByHost">Whether the host asked it to stop (stdin closed, terminated or killed).</param>
public sealed record CliExit(int ExitCode, string StderrTail, bool StoppedByHost)
{
    /// <summary>The signal that killed the process, if the exit code says one did.</summary>
    public int? Signal => !OperatingSystem.IsWindows() && ExitCode > 128 && ExitCode < 160 ? ExitCode - 128 : null;

    /// <summary>The exit in words, for logs and error messages.</summary>
    public string Describe()
    {
        var how = Signal is { } signal ? $"was killed by signal {signal}" : $"exited with code {ExitCode}";
        return string.IsNullOrWhiteSpace(StderrTail) ? $"The CLI process {how}." : $"The CLI process {how}. stderr: {StderrTail.Trim()}";
    }
}
