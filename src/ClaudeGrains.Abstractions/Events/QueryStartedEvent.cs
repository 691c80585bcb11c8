namespace ClaudeGrains;

/// <summary>A query left the queue and was sent to the CLI. Published on the Orleans stream only.</summary>
[GenerateSerializer, Immutable]
public sealed record QueryStartedEvent : ClaudeEvent
{
    /// <summary>The prompt sent.</summary>
    [Id(0)] public string Prompt { get; init; } = "";
}
