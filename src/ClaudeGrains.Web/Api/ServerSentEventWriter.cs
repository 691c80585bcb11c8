using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace ClaudeGrains.Web.Api;

/// <summary>
/// Writes <c>text/event-stream</c>: one event per <see cref="ClaudeEvent"/>, named by its JSON <c>type</c> and
/// flushed at once, so a browser sees each delta as the model writes it.
/// </summary>
internal sealed class ServerSentEventWriter
{
    private readonly HttpResponse _response;
    private readonly JsonSerializerOptions _json;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ServerSentEventWriter(HttpResponse response, JsonSerializerOptions json)
    {
        _response = response;
        _json = json;
    }

    /// <summary>Sends the event-stream headers and returns a writer for the body.</summary>
    public static async Task<ServerSentEventWriter> StartAsync(HttpContext context, JsonSerializerOptions json)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        // Reverse proxies (nginx) would otherwise hold the deltas back.
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(context.RequestAborted);
        return new ServerSentEventWriter(response, json);
    }

    /// <summary>Writes one event; its id is <c>queryId:sequence</c>.</summary>
    public Task WriteAsync(ClaudeEvent @event, CancellationToken cancellationToken) =>
        WriteAsync(
            TypeOf(@event),
            $"{@event.QueryId:N}:{@event.Sequence}",
            JsonSerializer.Serialize(@event, _json),
            cancellationToken);

    /// <summary>Writes an <c>error</c> event for a query that failed after the stream began.</summary>
    public Task WriteErrorAsync(ProblemDetails problem, CancellationToken cancellationToken) =>
        WriteAsync("error", null, JsonSerializer.Serialize(problem, _json), cancellationToken);

    /// <summary>Writes a comment line (ignored by clients): a subscription notice or a keep-alive.</summary>
    public Task WriteCommentAsync(string comment, CancellationToken cancellationToken) =>
        WriteRawAsync($": {comment}\n\n", cancellationToken);

    private Task WriteAsync(string eventName, string? id, string data, CancellationToken cancellationToken)
    {
        var frame = new StringBuilder();
        frame.Append("event: ").Append(eventName).Append('\n');
        if (id is not null)
        {
            frame.Append("id: ").Append(id).Append('\n');
        }

        // JSON from the serializer has no raw newlines, so one data line carries the whole event.
        frame.Append("data: ").Append(data).Append("\n\n");
        return WriteRawAsync(frame.ToString(), cancellationToken);
    }

    private async Task WriteRawAsync(string frame, CancellationToken cancellationToken)
    {
        // Keep-alives come from a timer while events come from the stream; frames must not interleave.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _response.WriteAsync(frame, cancellationToken);
            await _response.Body.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The event names are the JSON type discriminators, so the SSE event name and the data's "type" always agree.
    private static readonly Dictionary<Type, string> EventNames = typeof(ClaudeEvent)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    private static string TypeOf(ClaudeEvent @event) => EventNames.GetValueOrDefault(@event.GetType(), "event");
}
