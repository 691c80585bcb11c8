using System.Text.Json;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Reads the log the fault CLI writes with <c>--fault-log=PATH</c>.</summary>
public static class FaultCliLog
{
    /// <summary>The pid of the one child process the CLI spawned.</summary>
    public static int ChildPid(string log) =>
        Entries(log).Where(e => e.TryGetProperty("child", out _)).Select(e => e.GetProperty("child").GetInt32()).Single();

    /// <summary>The pids of every CLI process that started with this log.</summary>
    public static IReadOnlyList<int> Pids(string log) =>
        Entries(log).Where(e => e.TryGetProperty("event", out var kind) && kind.GetString() == "start").Select(e => e.GetProperty("pid").GetInt32()).ToList();

    /// <summary>Replays the start and exit records to find the most CLI processes alive at one time.</summary>
    public static int MostAliveAtOnce(string log)
    {
        var events = Entries(log)
            .Where(e => e.TryGetProperty("event", out _))
            .Select(e => (Time: e.GetProperty("t").GetDouble(), Delta: e.GetProperty("event").GetString() == "start" ? 1 : -1))
            .OrderBy(e => e.Time).ThenBy(e => e.Delta) // an exit at the same instant counts before a start
            .ToList();
        int alive = 0, most = 0;
        foreach (var (_, delta) in events)
        {
            alive += delta;
            most = Math.Max(most, alive);
        }

        return most;
    }

    private static IEnumerable<JsonElement> Entries(string log) =>
        File.ReadAllLines(log).Select(line => JsonDocument.Parse(line).RootElement);
}
