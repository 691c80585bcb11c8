namespace ClaudeGrains;

/// <summary>A piece of answer text, as the model writes it.</summary>
[GenerateSerializer, Immutable]
public sealed record TextDeltaEvent : ClaudeEvent
{
    /// <summary>The new text.</summary>
    [Id(0)] public string Text { get; init; } = "";
}
