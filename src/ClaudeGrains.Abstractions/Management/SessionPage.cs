namespace ClaudeGrains;

/// <summary>One page of a session listing, ordered by name.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionPage
{
    /// <summary>The sessions of this page.</summary>
    [Id(0)] public IReadOnlyList<SessionInfo> Sessions { get; init; } = [];

    /// <summary>Sessions matching the filter, over all pages.</summary>
    [Id(1)] public int TotalCount { get; init; }

    /// <summary>This page's number.</summary>
    [Id(2)] public int Page { get; init; }

    /// <summary>The page size used.</summary>
    [Id(3)] public int PageSize { get; init; }
}
