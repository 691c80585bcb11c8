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

    /// <summary>
    /// The scheduling policy of each thread of <paramref name="pid"/> by thread name (0 the normal policy, 3 batch):
    /// field 41 of <c>/proc/{pid}/task/{tid}/stat</c>. Threads that exit while they are read are left out.
    /// </summary>
    public static IReadOnlyList<(string Thread, int Policy)> SchedulingPolicies(int pid)
    {
        var policies = new List<(string, int)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                // Fields from the third (state) on follow the name, which may hold spaces.
                var policy = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[41 - 3];
                policies.Add((name, int.Parse(policy, System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
            }
        }

        return policies;
    }
}
