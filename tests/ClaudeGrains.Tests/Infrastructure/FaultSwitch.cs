namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// A file whose presence turns a fault of the fault CLI on (its <c>--fault-*-while=PATH</c> options), so a test can
/// change how the CLI processes of a running cluster behave.
/// </summary>
public sealed class FaultSwitch(string path)
{
    public string Path { get; } = path;

    public void Set(bool on)
    {
        if (on)
        {
            File.WriteAllText(Path, "");
        }
        else
        {
            File.Delete(Path);
        }
    }
}
