namespace ClaudeGrains;

/// <summary>A whole assistant message (one model response within the query).</summary>
[GenerateSerializer, Immutable]
public sealed record AssistantMessageEvent : ClaudeEvent
{
    /// <summary>The message's text blocks, joined.</summary>
    [Id(0)] public string Text { get; init; } = "";

    /// <summary>The model that wrote it.</summary>
    [Id(1)] public string? Model { get; init; }

    /// <summary>The API message id.</summary>
    [Id(2)] public string? MessageId { get; init; }
}
