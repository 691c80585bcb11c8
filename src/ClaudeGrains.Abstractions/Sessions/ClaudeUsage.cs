namespace ClaudeGrains;

/// <summary>Token usage reported by the CLI for one query.</summary>
[GenerateSerializer, Immutable]
public sealed record ClaudeUsage
{
    /// <summary>Input tokens not served from the prompt cache.</summary>
    [Id(0)] public long InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    [Id(1)] public long OutputTokens { get; init; }

    /// <summary>Input tokens written to the prompt cache.</summary>
    [Id(2)] public long CacheCreationInputTokens { get; init; }

    /// <summary>Input tokens read from the prompt cache.</summary>
    [Id(3)] public long CacheReadInputTokens { get; init; }
}
