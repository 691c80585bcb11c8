namespace ClaudeGrains;

/// <summary>Session totals over the cluster.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionCounts
{
    /// <summary>Registered sessions.</summary>
    [Id(0)] public int Registered { get; init; }

    /// <summary>Live CLI processes.</summary>
    [Id(1)] public int LiveProcesses { get; init; }

    /// <summary>Sessions running a query.</summary>
    [Id(2)] public int Busy { get; init; }

    /// <summary>Registered sessions without a process.</summary>
    [Id(3)] public int Hibernated { get; init; }

    /// <summary>Faulted sessions.</summary>
    [Id(4)] public int Faulted { get; init; }
}
