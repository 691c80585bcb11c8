using System.Text.Json;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Web.Hosting;
using ClaudeGrains.Web.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace ClaudeGrains.Web.Api;

/// <summary>Asking a session: the whole result, the answer streamed as server-sent events, and the session's live events.</summary>
internal static class QueryEndpoints
{
    public static void Map(RouteGroupBuilder sessions)
    {
        sessions.MapPost("/{name}/query", (string name, QueryRequest request, IGrainFactory grains, CancellationToken aborted) =>
                grains.GetGrain<IClaudeSessionGrain>(SessionEndpoints.Validated(name)).QueryAsync(request.Prompt, request.ToQueryOptions(), aborted))
            .WithName("Query").WithSummary("Sends a prompt and returns the whole result.");
        sessions.MapPost("/{name}/stream", StreamAsync)
            .WithName("QueryStream").WithSummary("Sends a prompt and answers text/event-stream: one event per ClaudeEvent, as it arrives.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        sessions.MapGet("/{name}/events", RelayAsync)
            .WithName("SessionEvents").WithSummary("Every event of every query of the session, from any client, as server-sent events, until the client goes away.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task StreamAsync(string name, QueryRequest request, HttpContext context, IGrainFactory grains, IOptions<JsonOptions> json, IOptions<ClaudeGrainsOptions> options, IOptions<ClaudeGrainsWebOptions> webOptions, EventStreamMetrics metrics, ILoggerFactory loggers)
    {
        using var open = metrics.Open("query");
        var aborted = context.RequestAborted;
        var session = grains.GetGrain<IClaudeSessionGrain>(SessionEndpoints.Validated(name));
        var events = session.QueryStreamAsync(request.Prompt, request.ToQueryOptions(), aborted).GetAsyncEnumerator(aborted);
        await using var _ = events;

        // The status line waits for the first event, so failures before it (bad prompt, unknown session, no capacity)
        // get their own status; a query that waits longer than a keep-alive (queued, starting) starts the stream early.
        ServerSentEventWriter? writer = null;
        async Task<ServerSentEventWriter> Writer() => writer ??= await ServerSentEventWriter.StartAsync(context, json.Value.SerializerOptions);
        try
        {
            while (await NextAsync(events, Writer, webOptions.Value.EventStreamKeepAlive, aborted))
            {
                await (await Writer()).WriteAsync(events.Current, aborted);
            }
        }
        catch (Exception ex) when (writer is not null && !aborted.IsCancellationRequested)
        {
            // The status line is gone; the failure travels as the stream's last event, and bypasses the handler's log.
            var problem = ClaudeProblemExceptionHandler.ToProblem(ex, options.Value.EffectiveApiKey());
            ClaudeProblemExceptionHandler.Log(loggers.CreateLogger(typeof(QueryEndpoints)), context, problem, ex);
            await writer.WriteErrorAsync(problem, aborted);
        }
    }

    // A proxy cuts a response that stays silent for a while (often 60 s), which cancels its query: while no event
    // comes (waiting in the queue, a tool running for minutes), a comment line goes out every keep-alive interval.
    private static async Task<bool> NextAsync(IAsyncEnumerator<ClaudeEvent> events, Func<Task<ServerSentEventWriter>> writer, TimeSpan keepAlive, CancellationToken aborted)
    {
        var step = events.MoveNextAsync();
        if (step.IsCompleted)
        {
            return await step;
        }

        var next = step.AsTask();
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        try
        {
            while (await Task.WhenAny(next, Task.Delay(keepAlive, silence.Token)) != next)
            {
                aborted.ThrowIfCancellationRequested();
                await (await writer()).WriteCommentAsync("keep-alive", aborted);
            }
        }
        finally
        {
            await silence.CancelAsync(); // the pending delay's timer goes with it
        }

        return await next;
    }

    private static async Task RelayAsync(string name, HttpContext context, IClusterClient client, IOptions<JsonOptions> json, IOptions<ClaudeGrainsWebOptions> webOptions, ILoggerFactory loggers, EventStreamMetrics metrics, IHostApplicationLifetime lifetime)
    {
        name = SessionEndpoints.Validated(name);
        var logger = loggers.CreateLogger(typeof(QueryEndpoints));

        // A relay has no end of its own: it also ends when the host stops, whose shutdown would otherwise wait for
        // every browser still watching (up to its shutdown timeout) and leave the silo too little time to stop.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ending.Token;
        var limit = webOptions.Value.EventStreamMaxPendingEvents;
        var relay = new SessionEventRelay(limit, () => logger.LogWarning(
            "Stopping the relay of session {SessionName}'s events to {RemoteAddress}: the client fell {Limit} events behind (ClaudeGrains:Web:EventStreamMaxPendingEvents); it gets those, then an EventStreamOverflow error",
            name, context.Connection.RemoteIpAddress, limit));
        var stream = client.GetStreamProvider(ClaudeStreams.ProviderName)
            .GetStream<ClaudeEvent>(StreamId.Create(ClaudeStreams.SessionEventsNamespace, name));
        var subscription = await stream.SubscribeAsync(relay);
        var open = metrics.Open("events");
        logger.LogInformation("Relaying the events of session {SessionName} to {RemoteAddress}", name, context.Connection.RemoteIpAddress);
        try
        {
            var writer = await ServerSentEventWriter.StartAsync(context, json.Value.SerializerOptions);
            // Lets a client know the subscription is in place before it starts a query it wants to see.
            await writer.WriteCommentAsync("subscribed", aborted);
            try
            {
                await relay.PumpAsync(writer, webOptions.Value.EventStreamKeepAlive, aborted);
            }
            catch (EventStreamOverflowException ex)
            {
                await writer.WriteErrorAsync(ClaudeProblemExceptionHandler.ToProblem(ex, apiKey: null), aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away or the host is stopping: the normal ends of a relay.
        }
        finally
        {
            // The request is over, so its token is useless here; the unsubscribe must still reach the pub-sub.
            open.Dispose();
            await subscription.UnsubscribeAsync();
            logger.LogInformation("Stopped relaying the events of session {SessionName}", name);
        }
    }
}
