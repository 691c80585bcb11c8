namespace ClaudeGrains.Testing;

/// <summary>
/// How <see cref="FakeAnthropicApi"/> answers a request whose prompt carries no directive of its own.
/// Each directive in a prompt (<c>[deltas:N]</c>, <c>[slow:MS]</c>, <c>[fail:STATUS]</c>, <c>[hang]</c>, <c>[input-tokens:N]</c>)
/// overrides only the matching setting here, so a test can set a global default and still script single requests.
/// </summary>
public sealed record FakeApiBehavior
{
    /// <summary>Answers every request promptly with one text delta per word.</summary>
    public static FakeApiBehavior Default { get; } = new();

    /// <summary>Number of text deltas to stream; <see langword="null"/> means one delta per word.</summary>
    public int? DeltaCount { get; init; }

    /// <summary>Pause before each text delta (and, for non-streaming requests, the same total before the answer).</summary>
    public TimeSpan DelayPerDelta { get; init; } = TimeSpan.Zero;

    /// <summary>HTTP status to fail with (e.g. 500, 429, 529) instead of answering; <see langword="null"/> answers normally.</summary>
    public int? FailStatus { get; init; }

    /// <summary>
    /// Whether error answers leave retrying to the client. By default they carry <c>x-should-retry: false</c>,
    /// which makes the CLI give up on a 500 or 429 at once instead of retrying with backoff for minutes.
    /// The CLI retries 529 / <c>overloaded_error</c> regardless of that header; only the CLI's own
    /// <c>CLAUDE_CODE_MAX_RETRIES=0</c> environment variable stops those retries.
    /// </summary>
    public bool AllowClientRetries { get; init; }

    /// <summary>
    /// Input tokens an answer reports; <see langword="null"/> estimates them from the request (which grows with the
    /// conversation), so a test can make turns whose usage, and so whose cost, is the same.
    /// </summary>
    public int? InputTokens { get; init; }

    /// <summary>Send <c>message_start</c> and then nothing until the client goes away or the fake is disposed.</summary>
    public bool Hang { get; init; }

    /// <summary>Leave <c>count_tokens</c> requests unanswered until the client goes away or the fake is disposed.</summary>
    public bool HangTokenCounts { get; init; }
}
