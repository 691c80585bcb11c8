using System.Globalization;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Checks OS processes by id.</summary>
public static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        // A zombie has exited; only its parent's bookkeeping remains.
        try
        {
            return Field(File.ReadAllText($"/proc/{pid}/stat"), 3) != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The parent process id of <paramref name="pid"/>.</summary>
    public static int ParentOf(int pid) =>
        int.Parse(Field(File.ReadAllText($"/proc/{pid}/stat"), 4), CultureInfo.InvariantCulture);

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
                policies.Add((name, int.Parse(Field(stat, 41), CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
            }
        }

        return policies;
    }

    /// <summary>Field <paramref name="number"/> (1-based, as in proc(5)) of a <c>stat</c> line, from the third on.</summary>
    private static string Field(string stat, int number) =>
        // The second field, the name in parentheses, may hold spaces and parentheses: count from its last ')'.
        stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[number - 3];
}
