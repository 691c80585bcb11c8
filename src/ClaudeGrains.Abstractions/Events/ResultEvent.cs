namespace ClaudeGrains;

/// <summary>The final event of a query that the CLI answered: the whole result.</summary>
[GenerateSerializer, Immutable]
public sealed record ResultEvent : ClaudeEvent
{
    /// <summary>The whole result.</summary>
    [Id(0)] public ClaudeResult Result { get; init; } = new();
}
