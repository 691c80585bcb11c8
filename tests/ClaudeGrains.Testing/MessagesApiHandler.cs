using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ClaudeGrains.Testing;

/// <summary>Answers the HTTP requests of <see cref="FakeAnthropicApi"/> the way the real Messages API would.</summary>
internal sealed class MessagesApiHandler(RequestLog log, RequestLog tokenCountLog, Func<FakeApiBehavior> behavior, CancellationToken stopping)
{
    private const string MessagesPath = "/v1/messages";
    private const string CountTokensPath = "/v1/messages/count_tokens";

    private int _lastId;

    /// <summary>Routes by hand: three fixed paths do not need the routing middleware, and every miss gets Anthropic's 404 shape.</summary>
    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var isPost = HttpMethods.IsPost(context.Request.Method);
        return (isPost, path) switch
        {
            (true, MessagesPath) => HandleMessagesAsync(context, path),
            (true, CountTokensPath) => HandleCountTokensAsync(context, path),
            _ => WriteErrorAsync(context, 404, $"{context.Request.Method} {path} is not served by the fake Anthropic API.", NextRequestId(), allowRetry: false),
        };
    }

    private async Task HandleMessagesAsync(HttpContext context, string path)
    {
        var requestId = NextRequestId();
        var request = await ParseAsync(context, path, requestId).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        log.Add(request);
        // Side requests such as session titles quote the user's prompt, directives included; scripting them too
        // would fail or slow a title nobody asserts on and double-count deltas, so they always answer promptly.
        var settings = request.IsStructuredOutput
            ? FakeApiBehavior.Default
            : ReplyDirectives.Parse(request.LastUserText).Over(behavior());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            if (settings.FailStatus is { } status)
            {
                var message = AnthropicWireFormat.ErrorMessageFor(status);
                await WriteErrorAsync(context, status, message, requestId, settings.AllowClientRetries).ConfigureAwait(false);
                return;
            }

            var reply = ReplyText.For(request, settings.DeltaCount);
            var messageId = "msg_fake_" + requestId["req_fake_".Length..];
            context.Response.Headers["request-id"] = requestId;
            if (request.Stream)
            {
                await StreamAsync(context.Response, request, reply, settings, messageId, cancellation.Token).ConfigureAwait(false);
            }
            else
            {
                await AnswerAsync(context.Response, request, reply, settings, messageId, cancellation.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Dropping the connection mid-answer is what a dying server looks like to the CLI;
            // finishing the response normally would look like a truncated but clean stream.
            context.Abort();
        }
    }

    private async Task HandleCountTokensAsync(HttpContext context, string path)
    {
        var requestId = NextRequestId();
        var request = await ParseAsync(context, path, requestId).ConfigureAwait(false);
        if (request is not null)
        {
            tokenCountLog.Add(request);
            if (behavior().HangTokenCounts)
            {
                // Like a hanging server: no answer until the client gives up or the fake stops.
                using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    context.Abort();
                }

                return;
            }

            context.Response.Headers["request-id"] = requestId;
            await WriteJsonAsync(context.Response, 200, AnthropicWireFormat.CountTokens(AnthropicWireFormat.EstimateTokens(request))).ConfigureAwait(false);
        }
    }

    /// <summary>The parsed body, or <see langword="null"/> after answering 400 like the real API does for malformed JSON.</summary>
    private static async Task<RecordedRequest?> ParseAsync(HttpContext context, string path, string requestId)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers;
        var hasApiKey = headers.ContainsKey("x-api-key") || headers.ContainsKey("Authorization");
        try
        {
            return MessagesRequestParser.Parse(path, body, hasApiKey);
        }
        catch (JsonException exception)
        {
            var message = "Invalid JSON request body: " + exception.Message;
            await WriteErrorAsync(context, 400, message, requestId, allowRetry: false).ConfigureAwait(false);
            return null;
        }
    }

    private static async Task StreamAsync(
        HttpResponse response, RecordedRequest request, ReplyText reply, FakeApiBehavior settings, string messageId, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        var inputTokens = settings.InputTokens ?? AnthropicWireFormat.EstimateTokens(request);
        var model = ModelOf(request);
        await WriteEventAsync(response, AnthropicWireFormat.MessageStart(messageId, model, inputTokens), cancellationToken).ConfigureAwait(false);
        if (settings.Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        await WriteEventAsync(response, AnthropicWireFormat.ContentBlockStart(0), cancellationToken).ConfigureAwait(false);
        foreach (var delta in reply.Deltas)
        {
            if (settings.DelayPerDelta > TimeSpan.Zero)
            {
                await Task.Delay(settings.DelayPerDelta, cancellationToken).ConfigureAwait(false);
            }

            await WriteEventAsync(response, AnthropicWireFormat.TextDelta(0, delta), cancellationToken).ConfigureAwait(false);
        }

        await WriteEventAsync(response, AnthropicWireFormat.ContentBlockStop(0), cancellationToken).ConfigureAwait(false);
        await WriteEventAsync(response, AnthropicWireFormat.MessageDelta(reply.Deltas.Count), cancellationToken).ConfigureAwait(false);
        await WriteEventAsync(response, AnthropicWireFormat.MessageStop(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task AnswerAsync(
        HttpResponse response, RecordedRequest request, ReplyText reply, FakeApiBehavior settings, string messageId, CancellationToken cancellationToken)
    {
        if (settings.Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        // Same total latency as the streamed answer, so timing-sensitive tests behave alike either way.
        var delay = settings.DelayPerDelta * reply.Deltas.Count;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        var message = AnthropicWireFormat.Message(
            messageId, ModelOf(request), reply.Text, settings.InputTokens ?? AnthropicWireFormat.EstimateTokens(request), reply.Deltas.Count);
        await WriteJsonAsync(response, 200, message, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, string requestId, bool allowRetry)
    {
        context.Response.Headers["request-id"] = requestId;
        if (!allowRetry)
        {
            // The CLI obeys this header before its status-based rules; without it a 500 or 429 is retried
            // ten times with exponential backoff (minutes), which no test wants to sit through.
            context.Response.Headers["x-should-retry"] = "false";
        }

        var error = AnthropicWireFormat.Error(AnthropicWireFormat.ErrorTypeFor(status), message, requestId);
        await WriteJsonAsync(context.Response, status, error, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteEventAsync(HttpResponse response, JsonObject data, CancellationToken cancellationToken)
    {
        var type = (string)data["type"]!;
        await response.WriteAsync($"event: {type}\ndata: {data.ToJsonString()}\n\n", cancellationToken).ConfigureAwait(false);

        // Flushed per event: the CLI renders partial messages only as fast as the bytes arrive.
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteJsonAsync(HttpResponse response, int status, JsonObject body, CancellationToken cancellationToken = default)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync(body.ToJsonString(), cancellationToken);
    }

    /// <summary>The real API echoes the requested model; a request without one gets a placeholder, not an empty string.</summary>
    private static string ModelOf(RecordedRequest request) =>
        request.Model.Length > 0 ? request.Model : "claude-fake";

    private string NextRequestId() =>
        "req_fake_" + Interlocked.Increment(ref _lastId).ToString("D6", CultureInfo.InvariantCulture);
}
