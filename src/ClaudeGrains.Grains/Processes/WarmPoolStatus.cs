namespace ClaudeGrains.Grains.Processes;

/// <summary>What the warm pool holds right now.</summary>
/// <param name="Size">The configured size (<c>ClaudeGrains:WarmPool:Size</c>).</param>
/// <param name="ReadyProcessIds">
/// Pooled processes that have booted (and warmed up, if <c>WarmPool:WarmUp</c> asks for it) and answer, oldest first;
/// the next hand-over takes the first.
/// </param>
/// <param name="StartingProcessIds">Pooled processes still booting or warming up.</param>
public sealed record WarmPoolStatus(int Size, IReadOnlyList<int> ReadyProcessIds, IReadOnlyList<int> StartingProcessIds)
{
    /// <summary>Every pooled process, ready or starting.</summary>
    public int Count => ReadyProcessIds.Count + StartingProcessIds.Count;
}
