namespace ClaudeGrains.Cli.Tests;

/// <summary>
/// A test that needs root on Linux: it starts a process as another user and takes a thread's right to signal it
/// away. Elsewhere it is skipped, saying why, rather than passing without having run.
/// </summary>
internal sealed class RootOnLinuxFactAttribute : FactAttribute
{
    public RootOnLinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "Needs root on Linux, to start another user's process.";
        }
    }
}
