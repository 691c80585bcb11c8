namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Checks OS processes by id.</summary>
public static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        // A zombie has exited; only its parent's bookkeeping remains.
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The parent process id of <paramref name="pid"/>.</summary>
    public static int ParentOf(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
