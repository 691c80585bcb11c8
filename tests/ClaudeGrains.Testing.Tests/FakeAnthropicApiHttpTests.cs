using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ClaudeGrains.Testing.Tests;

/// <summary>Talks plain HTTP to <see cref="FakeAnthropicApi"/> to pin down its wire format and scripting.</summary>
public sealed class FakeAnthropicApiHttpTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private FakeAnthropicApi _fake = null!;
    private HttpClient _http = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _fake = await FakeAnthropicApi.StartAsync();
        _http = new HttpClient { BaseAddress = _fake.BaseUrl, Timeout = Timeout };
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    /// <summary>The fake listens on loopback with an OS-assigned port.</summary>
    [Fact]
    public void Base_url_is_loopback_with_real_port()
    {
        Assert.Equal("127.0.0.1", _fake.BaseUrl.Host);
        Assert.NotEqual(0, _fake.BaseUrl.Port);
    }

    /// <summary>The streamed events come in the real order, with the real headers, and add up to the echo.</summary>
    [Fact]
    public async Task Streaming_answer_has_real_event_sequence()
    {
        using var response = await PostAsync("/v1/messages?beta=true", Body("what now", stream: true, system: "be brief"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var events = ParseSse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
             "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        Assert.Equal("claude-test", events[0].Data.GetProperty("message").GetProperty("model").GetString());
        var text = string.Concat(events.Where(e => e.Name == "content_block_delta").Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal("what now | 3 messages", text);
        Assert.Equal("end_turn", events[^2].Data.GetProperty("delta").GetProperty("stop_reason").GetString());

        var recorded = Assert.Single(_fake.Requests);
        Assert.Equal("/v1/messages", recorded.Path);
        Assert.Equal("be brief", recorded.SystemPrompt);
        Assert.Equal(3, recorded.MessageCount);
        Assert.Equal("what now", recorded.LastUserText);
        Assert.True(recorded.HasApiKey);
        Assert.DoesNotContain("sk-", recorded.ToString());
    }

    /// <summary>Without <c>stream</c> the answer is one message object.</summary>
    [Fact]
    public async Task Non_streaming_answer_is_single_message()
    {
        using var response = await PostAsync("/v1/messages", Body("plain [deltas:2]", stream: false));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("end_turn", root.GetProperty("stop_reason").GetString());
        Assert.Equal("plain [deltas:2] | 3 messages", root.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(2, root.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    /// <summary>Failure directives answer with the status and Anthropic's error shape.</summary>
    [Theory]
    [InlineData("[fail:500]", 500, "api_error")]
    [InlineData("[fail:429]", 429, "rate_limit_error")]
    [InlineData("[fail:529]", 529, "overloaded_error")]
    [InlineData("[fail:overloaded]", 529, "overloaded_error")]
    public async Task Fail_directive_answers_anthropic_error(string prompt, int status, string errorType)
    {
        using var response = await PostAsync("/v1/messages", Body(prompt, stream: true));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(errorType, json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    /// <summary>The global behaviour applies when a prompt says nothing, and a directive still wins over it.</summary>
    [Fact]
    public async Task Behavior_is_default_and_directives_override_it()
    {
        _fake.Behavior = new FakeApiBehavior { FailStatus = 429, AllowClientRetries = true };

        using var failed = await PostAsync("/v1/messages", Body("no directive", stream: false));
        using var scripted = await PostAsync("/v1/messages", Body("[fail:500]", stream: false));

        Assert.Equal(429, (int)failed.StatusCode);
        Assert.False(failed.Headers.Contains("x-should-retry"));
        Assert.Equal(500, (int)scripted.StatusCode);
    }

    /// <summary><c>[slow:MS]</c> paces each delta.</summary>
    [Fact]
    public async Task Slow_directive_delays_each_delta()
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await PostAsync("/v1/messages", Body("[slow:50] [deltas:4]", stream: true));
        await response.Content.ReadAsStringAsync();

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(200), $"Took only {stopwatch.Elapsed}.");
    }

    /// <summary><c>[hang]</c> stops after <c>message_start</c>, and disposing the fake drops the connection instead of waiting.</summary>
    [Fact]
    public async Task Hang_directive_holds_stream_until_disposed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = Json(Body("[hang]", stream: true)) };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: message_start", await reader.ReadLineAsync());
        await reader.ReadLineAsync();
        await reader.ReadLineAsync();
        var next = reader.ReadToEndAsync();

        Assert.False(next.IsCompleted);
        var stopwatch = Stopwatch.StartNew();
        await _fake.DisposeAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => next.WaitAsync(Timeout));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"Disposal took {stopwatch.Elapsed}.");
    }

    /// <summary>
    /// count_tokens answers a count and is recorded apart from the Messages requests; other paths get Anthropic's 404
    /// shape and are not recorded.
    /// </summary>
    [Fact]
    public async Task Count_tokens_and_unknown_paths()
    {
        using var count = await PostAsync("/v1/messages/count_tokens?beta=true", Body("count me", stream: false));
        using var missing = await _http.GetAsync("/v1/models");

        using var countJson = JsonDocument.Parse(await count.Content.ReadAsStringAsync());
        Assert.True(countJson.RootElement.GetProperty("input_tokens").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var missingJson = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal("not_found_error", missingJson.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Empty(_fake.Requests);
        Assert.Equal("count me", Assert.Single(_fake.TokenCountRequests).LastUserText);
        _fake.ClearRequests();
        Assert.Empty(_fake.TokenCountRequests);
    }

    /// <summary>HangTokenCounts leaves count_tokens unanswered until the client gives up.</summary>
    [Fact]
    public async Task Count_tokens_can_be_left_unanswered()
    {
        _fake.Behavior = FakeApiBehavior.Default with { HangTokenCounts = true };
        using var giveUp = new CancellationTokenSource();

        var count = PostAsync("/v1/messages/count_tokens?beta=true", Body("count me", stream: false), giveUp.Token);
        await _fake.WaitForTokenCountRequestAsync(r => r.LastUserText == "count me", Timeout);

        Assert.False(count.IsCompleted);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => count);
    }

    /// <summary>Waiting sees requests that already arrived, wakes on new ones, and times out otherwise.</summary>
    [Fact]
    public async Task Wait_for_request_is_event_driven()
    {
        using (await PostAsync("/v1/messages", Body("first", stream: false)))
        {
        }

        var early = await _fake.WaitForRequestAsync(r => r.LastUserText == "first", Timeout);
        var later = _fake.WaitForRequestAsync(r => r.LastUserText == "second", Timeout);
        Assert.False(later.IsCompleted);
        using (await PostAsync("/v1/messages", Body("second", stream: false)))
        {
        }

        Assert.Equal("first", early.LastUserText);
        Assert.Equal("second", (await later).LastUserText);
        _fake.ClearRequests();
        Assert.Empty(_fake.Requests);
        await Assert.ThrowsAsync<TimeoutException>(() => _fake.WaitForRequestAsync(r => r.LastUserText == "first", TimeSpan.FromMilliseconds(50)));
    }

    /// <summary>
    /// With recording off, requests are answered as usual but nothing is kept, and waiting for one is refused: a wait
    /// already pending fails at once rather than at its timeout.
    /// </summary>
    [Fact]
    public async Task Requests_are_answered_but_not_kept_while_recording_is_off()
    {
        using (await PostAsync("/v1/messages", Body("kept", stream: false)))
        {
        }

        var pending = _fake.WaitForRequestAsync(r => r.LastUserText == "never sent", Timeout);
        var pendingCount = _fake.WaitForTokenCountRequestAsync(r => r.LastUserText == "never sent", Timeout);
        Assert.False(pending.IsCompleted);
        _fake.RecordsRequests = false;
        Assert.Contains("not recording", (await Assert.ThrowsAsync<InvalidOperationException>(() => pending)).Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pendingCount);
        using var answer = await PostAsync("/v1/messages", Body("not kept", stream: false));
        using var count = await PostAsync("/v1/messages/count_tokens", Body("not counted", stream: false));

        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("not kept | 3 messages", json.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        Assert.Equal("kept", Assert.Single(_fake.Requests).LastUserText);
        Assert.Empty(_fake.TokenCountRequests);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _fake.WaitForRequestAsync(r => r.LastUserText == "not kept", Timeout));
        Assert.Contains("not recording", refused.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _fake.WaitForTokenCountRequestAsync(_ => true, Timeout));

        _fake.RecordsRequests = true;
        using (await PostAsync("/v1/messages", Body("kept again", stream: false)))
        {
        }

        Assert.Equal(["kept", "kept again"], _fake.Requests.Select(r => r.LastUserText));
    }

    /// <summary>Structured-output requests get JSON matching their schema and ignore directives in the quoted prompt.</summary>
    [Fact]
    public async Task Structured_output_request_gets_schema_shaped_json()
    {
        const string body = """
            {"model":"m","stream":false,"max_tokens":10,
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}}},
             "messages":[{"role":"user","content":[{"type":"text","text":"<session>\nfix it [fail:500]\n</session>\n\nWrite the title."}]}]}
            """;

        using var response = await PostAsync("/v1/messages", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var text = json.RootElement.GetProperty("content")[0].GetProperty("text").GetString()!;
        using var title = JsonDocument.Parse(text);
        Assert.Equal("fix it [fail:500] | 1 messages", title.RootElement.GetProperty("title").GetString());
        Assert.True(Assert.Single(_fake.Requests).IsStructuredOutput);
    }

    private static string Body(string prompt, bool stream, string? system = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["model"] = "claude-test",
        ["max_tokens"] = 100,
        ["stream"] = stream,
        ["system"] = system is null ? null : new[] { new { type = "text", text = system } },
        ["messages"] = new object[]
        {
            new { role = "user", content = "earlier" },
            new { role = "assistant", content = new[] { new { type = "text", text = "earlier | 1 messages" } } },
            new { role = "system", content = "not part of the conversation count" },
            new { role = "user", content = new[] { new { type = "text", text = "<system-reminder>ignore</system-reminder>" }, new { type = "text", text = prompt } } },
        },
    });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PostAsync(string path, string body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("x-api-key", "sk-test-not-real");
        return await _http.SendAsync(request, cancellationToken);
    }

    private static List<(string Name, JsonElement Data)> ParseSse(string stream) =>
        stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => (
                lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..],
                JsonDocument.Parse(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..]).RootElement.Clone()))
            .ToList();
}
