namespace ClaudeGrains.Testing;

/// <summary>A request that reached <c>POST /v1/messages</c> of <see cref="FakeAnthropicApi"/>.</summary>
public sealed record RecordedRequest
{
    /// <summary>Request path without the query string (the CLI appends <c>?beta=true</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The <c>model</c> field of the body; empty when absent.</summary>
    public required string Model { get; init; }

    /// <summary>The <c>system</c> field as text: the string itself or its text blocks joined with newlines.</summary>
    public required string SystemPrompt { get; init; }

    /// <summary>Every entry of <c>messages</c>, in order, including <c>system</c> role entries.</summary>
    public required IReadOnlyList<RecordedMessage> Messages { get; init; }

    /// <summary>How many messages have role <c>user</c> or <c>assistant</c>: the conversation length the model sees.</summary>
    public required int MessageCount { get; init; }

    /// <summary>Text of the last text block of the last <c>user</c> message: the prompt that was actually typed.</summary>
    public required string LastUserText { get; init; }

    /// <summary>Whether the request carried <c>x-api-key</c> or <c>Authorization</c>; the value is deliberately never kept.</summary>
    public required bool HasApiKey { get; init; }

    /// <summary>The <c>stream</c> field of the body.</summary>
    public required bool Stream { get; init; }

    /// <summary>
    /// The JSON schema the answer must follow when the request asked for structured output, else <see langword="null"/>.
    /// The CLI does this for side requests such as generating the session title, never for conversation turns.
    /// </summary>
    public string? OutputJsonSchema { get; init; }

    /// <summary>
    /// Whether this is a structured-output side request (e.g. the session title the CLI asks for when a
    /// prompt is 10 characters or longer) rather than a conversation turn; filter these out when counting turns.
    /// </summary>
    public bool IsStructuredOutput => OutputJsonSchema is not null;

    /// <summary>The request body exactly as received.</summary>
    public required string RawBody { get; init; }
}
