namespace ClaudeGrains;

/// <summary>A piece of the model's extended thinking.</summary>
[GenerateSerializer, Immutable]
public sealed record ThinkingDeltaEvent : ClaudeEvent
{
    /// <summary>The new thinking text.</summary>
    [Id(0)] public string Thinking { get; init; } = "";
}
