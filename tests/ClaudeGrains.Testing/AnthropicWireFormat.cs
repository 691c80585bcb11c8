using System.Text.Json.Nodes;

namespace ClaudeGrains.Testing;

/// <summary>
/// JSON shapes of the real Anthropic Messages API, kept field for field because the CLI's SDK
/// validates and accumulates them (e.g. it concatenates <c>text_delta</c>s into the final message).
/// </summary>
internal static class AnthropicWireFormat
{
    public static JsonObject MessageStart(string id, string model, int inputTokens) => new()
    {
        ["type"] = "message_start",
        ["message"] = new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(),
            ["stop_reason"] = null,
            ["stop_sequence"] = null,
            ["usage"] = Usage(inputTokens, 1),
        },
    };

    public static JsonObject ContentBlockStart(int index) => new()
    {
        ["type"] = "content_block_start",
        ["index"] = index,
        ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
    };

    public static JsonObject TextDelta(int index, string text) => new()
    {
        ["type"] = "content_block_delta",
        ["index"] = index,
        ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text },
    };

    public static JsonObject ContentBlockStop(int index) => new()
    {
        ["type"] = "content_block_stop",
        ["index"] = index,
    };

    public static JsonObject MessageDelta(int outputTokens) => new()
    {
        ["type"] = "message_delta",
        ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
        ["usage"] = new JsonObject { ["output_tokens"] = outputTokens },
    };

    public static JsonObject MessageStop() => new() { ["type"] = "message_stop" };

    /// <summary>The non-streaming answer: what the streamed events add up to.</summary>
    public static JsonObject Message(string id, string model, string text, int inputTokens, int outputTokens) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = Usage(inputTokens, outputTokens),
    };

    public static JsonObject CountTokens(int inputTokens) => new() { ["input_tokens"] = inputTokens };

    public static JsonObject Error(string errorType, string message, string requestId) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = errorType, ["message"] = message },
        ["request_id"] = requestId,
    };

    /// <summary>The <c>error.type</c> the real API pairs with an HTTP status.</summary>
    public static string ErrorTypeFor(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        _ => "api_error",
    };

    /// <summary>The message the real API tends to send with an error type; only humans read it.</summary>
    public static string ErrorMessageFor(int status) => status switch
    {
        429 => "Number of request tokens has exceeded your per-minute rate limit (fake).",
        529 => "Overloaded (fake)",
        _ => "Internal server error (fake)",
    };

    /// <summary>A rough token count (about four characters a token); the CLI only displays it.</summary>
    public static int EstimateTokens(RecordedRequest request) =>
        Math.Max(1, (request.SystemPrompt.Length + request.Messages.Sum(m => m.Text.Length)) / 4);

    private static JsonObject Usage(int inputTokens, int outputTokens) => new()
    {
        ["input_tokens"] = inputTokens,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = outputTokens,
    };
}
