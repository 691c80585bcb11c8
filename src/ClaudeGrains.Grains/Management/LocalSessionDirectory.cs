using System.Collections.Concurrent;

namespace ClaudeGrains.Grains.Management;

/// <summary>
/// The sessions active on this silo and their latest snapshot. Sessions write to it in memory at each state change,
/// so listing and counting never cost a query anything; the silo's <see cref="SessionDirectoryService"/> reads it.
/// </summary>
public sealed class LocalSessionDirectory
{
    private readonly ConcurrentDictionary<string, SessionInfo> _sessions = new(StringComparer.Ordinal);

    /// <summary>Records the latest snapshot of an active session.</summary>
    public void Update(SessionInfo info) => _sessions[info.Name] = info;

    /// <summary>Forgets a session that deactivated.</summary>
    public void Remove(string name) => _sessions.TryRemove(name, out _);

    /// <summary>Every active session of this silo.</summary>
    public IReadOnlyList<SessionInfo> Snapshot() => _sessions.Values.ToArray();

    /// <summary>How many active sessions of this silo are in <paramref name="state"/>.</summary>
    public int CountInState(SessionState state) => _sessions.Values.Count(s => s.State == state);
}
