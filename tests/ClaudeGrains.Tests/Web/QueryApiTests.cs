using System.Diagnostics.Metrics;
using System.Net;
using ClaudeGrains.Grains.Telemetry;
using ClaudeGrains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClaudeGrains.Tests.Web;

/// <summary>Asking sessions over HTTP: whole results, answers streamed as server-sent events, and the live relay.</summary>
[Collection(WebHostCollection.Name)]
public sealed class QueryApiTests(LoopbackWebHost host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string OpenStreams = "claudegrains.web.event_streams";

    [Fact]
    public async Task A_query_returns_the_whole_result()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-query");

        var result = await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "hello over http" })).ReadAsync<ClaudeResult>();

        Assert.Equal("hello over http | 1 messages", result.Text);
        Assert.False(result.IsError);
        Assert.True(result.TotalCostUsd > 0);
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task A_streamed_query_sends_each_delta_as_an_event_while_the_query_still_runs()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-stream");
        using var response = await http.PostStreamAsync(name, "stream this [deltas:6] [slow:400]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
        var firstDelta = (await events.ReadUntilAsync("text_delta")).Last();
        // The delta arrived while the fake model was still writing the answer: the session is still busy with it.
        var whileStreaming = await (await http.GetAsync(WebJson.SessionPath(name))).ReadAsync<SessionStatus>();
        var rest = await events.ReadUntilAsync("result");

        Assert.Equal("text_delta", firstDelta.Event);
        Assert.Equal(SessionState.Busy, whileStreaming.State);
        Assert.Equal(5, rest.Count(f => f.Event == "text_delta"));
        var result = rest.Last().Json.GetProperty("result");
        Assert.Equal("result", rest.Last().Json.GetProperty("type").GetString());
        var text = string.Concat(new[] { firstDelta }.Concat(rest).Where(f => f.Event == "text_delta").Select(f => f.Json.GetProperty("text").GetString()));
        Assert.Equal(result.GetProperty("text").GetString(), text);
        Assert.StartsWith(firstDelta.Json.GetProperty("queryId").GetString()!.Replace("-", ""), firstDelta.Id);
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task A_streamed_query_waiting_behind_another_keeps_its_response_alive_until_its_first_event()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-stream-waits");
        var holding = http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "hold the session [deltas:4] [slow:1000]" });
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while ((await (await http.GetAsync(WebJson.SessionPath(name), deadline.Token)).ReadAsync<SessionStatus>()).State != SessionState.Busy)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token); // no event says a query started
            }
        }

        // Queued for ~4 s behind the first query, with a keep-alive interval of 1 s.
        using var response = await http.PostStreamAsync(name, "then me");
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
        var frames = await events.ReadUntilAsync("result");
        (await holding).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("keep-alive", frames[0].Data);
        Assert.Null(frames[0].Event);
        Assert.Equal("result", frames[^1].Event);
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task A_streamed_query_that_fails_after_its_first_delta_ends_with_an_error_event()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-stream-error");
        using var response = await http.PostStreamAsync(name, "break mid-way [deltas:10] [slow:500]");
        using var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
        await events.ReadUntilAsync("text_delta");
        await http.KillSessionCliAsync(name);
        var error = (await events.ReadUntilAsync("error")).Last();

        Assert.Equal("error", error.Event);
        Assert.Equal(502, error.Json.GetProperty("status").GetInt32());
        Assert.Equal("CliExited", error.Json.GetProperty("code").GetString());
        Assert.Null(await events.NextAsync()); // the stream ends after the error
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task The_events_endpoint_relays_a_query_started_by_another_client_and_lets_go_when_the_browser_leaves()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-relay");
        using var metrics = new MeterProbe(host.Meter);
        var events = await http.WatchEventsAsync(name);

        var answer = await host.OtherClient.GetGrain<IClaudeSessionGrain>(name).QueryAsync("[deltas:3] from another client");
        var relayed = await events.ReadUntilAsync("query_completed");

        Assert.Equal(["query_started", "text_delta", "text_delta", "text_delta", "result", "query_completed"],
            relayed.Where(f => f.Event is not null && f.Event != "assistant_message").Select(f => f.Event));
        Assert.All(relayed.Where(f => f.Event is not null), f => Assert.Equal(answer.QueryId, f.Json.GetProperty("queryId").GetGuid()));
        Assert.Equal(1, metrics.Sum(OpenStreams));

        events.Dispose();
        await metrics.WaitForSumAsync(OpenStreams, 0, Patience);
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task An_events_client_that_falls_too_far_behind_gets_every_event_up_to_an_overflow_error_and_is_let_go()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-relay-slow");
        using var metrics = new MeterProbe(host.Meter);
        var events = await http.WatchEventsAsync(name);

        // The client reads nothing more while another client asks for long answers, until the web front gives up on
        // it: how many answers that takes depends on what the sockets hold on the way.
        var overflowed = host.Logs.WaitForLineAsync(line => line.Contains(name) && line.Contains("events behind"));
        var session = host.OtherClient.GetGrain<IClaudeSessionGrain>(name);
        var answers = new List<ClaudeResult>();
        while (!overflowed.IsCompleted)
        {
            Assert.True(answers.Count < 20, "The web front never gave up on a client that stopped reading.");
            answers.Add(await session.QueryAsync($"[deltas:5000] flood {answers.Count}"));
        }

        await overflowed;

        var frames = new List<ServerSentEventReader.Frame>();
        while (await events.NextAsync() is { } frame)
        {
            frames.Add(frame);
        }

        var error = frames[^1];
        Assert.Equal("error", error.Event);
        Assert.Equal("EventStreamOverflow", error.Json.GetProperty("code").GetString());
        Assert.Equal(503, error.Json.GetProperty("status").GetInt32());
        // Every event up to the overflow arrived, in order: each query's sequence numbers run from 0 without a gap.
        var relayed = frames.Where(f => f.Event is not null and not "error").Select(f => f.Json).ToList();
        Assert.True(relayed.Count >= LoopbackWebHost.EventStreamMaxPendingEvents, $"Only {relayed.Count} events came before the overflow.");
        Assert.All(relayed.GroupBy(e => e.GetProperty("queryId").GetGuid()), query =>
            Assert.Equal(Enumerable.Range(0, query.Count()).Select(i => (long)i), query.Select(e => e.GetProperty("sequence").GetInt64())));
        Assert.Equal(answers[0].QueryId, relayed[0].GetProperty("queryId").GetGuid());
        // The session paid nothing for it: every answer came whole.
        Assert.All(answers, answer => Assert.False(answer.IsError));
        await metrics.WaitForSumAsync(OpenStreams, 0, Patience);

        events.Dispose();
        await http.DeleteAsync(WebJson.SessionPath(name));
    }
}
