namespace ClaudeGrains;

/// <summary>Which sessions <see cref="IClaudeSessionManagerGrain.ListSessionsAsync"/> returns, one page at a time.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionFilter
{
    /// <summary>The most sessions one page may hold.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Only names starting with this (e.g. <c>user/</c>).</summary>
    [Id(0)] public string? Prefix { get; init; }

    /// <summary>Only sessions in this state.</summary>
    [Id(1)] public SessionState? State { get; init; }

    /// <summary>Page number, from 0.</summary>
    [Id(2)] public int Page { get; init; }

    /// <summary>Sessions per page, 1 to <see cref="MaxPageSize"/>. Default 100.</summary>
    [Id(3)] public int PageSize { get; init; } = 100;
}
