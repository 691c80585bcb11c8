using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace ClaudeGrains.Testing.Tests;

/// <summary>Runs the real Claude Code CLI against <see cref="FakeAnthropicApi"/>: the proof that the fake is real enough.</summary>
public sealed class RealCliAgainstFakeTests
{
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Two turns in one CLI process: the second request carries the first exchange as history.</summary>
    [Fact]
    public async Task Two_turns_echo_prompt_and_growing_history()
    {
        await using var fake = await FakeAnthropicApi.StartAsync();
        await using var cli = RawCliProcess.Start(fake.BaseUrl);

        await cli.SendUserMessageAsync("hello");
        var first = ResultOf(await cli.ReadUntilResultAsync(TurnTimeout));
        await cli.SendUserMessageAsync("again");
        var second = ResultOf(await cli.ReadUntilResultAsync(TurnTimeout));

        Assert.False(first.GetProperty("is_error").GetBoolean());
        Assert.Equal("hello | 1 messages", first.GetProperty("result").GetString());
        Assert.Equal("again | 3 messages", second.GetProperty("result").GetString());
        var requests = fake.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.HasApiKey));
        Assert.All(requests, r => Assert.True(r.Stream));
        Assert.Equal(["hello", "again"], requests.Select(r => r.LastUserText));
        Assert.Equal(["user", "assistant", "user"], requests[1].Messages.Where(m => m.Role != "system").Select(m => m.Role));
        Assert.Equal("hello | 1 messages", requests[1].Messages.First(m => m.Role == "assistant").Text);
    }

    /// <summary>A <c>[deltas:N]</c> prompt reaches the CLI's stdout as N partial-message deltas that add up to the result.</summary>
    [Fact]
    public async Task Deltas_directive_streams_that_many_partial_messages()
    {
        await using var fake = await FakeAnthropicApi.StartAsync();
        await using var cli = RawCliProcess.Start(fake.BaseUrl);

        await cli.SendUserMessageAsync("[deltas:50]");
        var lines = await cli.ReadUntilResultAsync(TurnTimeout);

        var deltas = lines
            .Where(l => l.GetProperty("type").GetString() == "stream_event")
            .Select(l => l.GetProperty("event"))
            .Where(e => e.GetProperty("type").GetString() == "content_block_delta")
            .Select(e => e.GetProperty("delta").GetProperty("text").GetString())
            .ToList();
        Assert.Equal(50, deltas.Count);
        var result = ResultOf(lines).GetProperty("result").GetString();
        Assert.Equal(string.Concat(deltas), result);
        Assert.StartsWith("[deltas:50] | 1 messages tok1", result);
    }

    /// <summary>
    /// A 500 ends the turn with an error result at once: the fake's <c>x-should-retry: false</c> stops the
    /// CLI's ten backoff retries, with no help from <c>CLAUDE_CODE_MAX_RETRIES</c>.
    /// </summary>
    [Fact]
    public async Task Fail_500_yields_error_result_without_retries()
    {
        await using var fake = await FakeAnthropicApi.StartAsync();
        await using var cli = RawCliProcess.Start(fake.BaseUrl);
        var stopwatch = Stopwatch.StartNew();

        await cli.SendUserMessageAsync("[fail:500]");
        var lines = await cli.ReadUntilResultAsync(TurnTimeout);

        var result = ResultOf(lines);
        Assert.True(result.GetProperty("is_error").GetBoolean());
        Assert.Equal(500, result.GetProperty("api_error_status").GetInt32());
        Assert.DoesNotContain(lines, l => l.TryGetProperty("subtype", out var s) && s.GetString() == "api_retry");
        Assert.Single(fake.Requests, r => !r.IsStructuredOutput);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"Took {stopwatch.Elapsed}.");
    }

    /// <summary>The CLI retries overloaded answers whatever the header says; only CLAUDE_CODE_MAX_RETRIES=0 makes them fail fast.</summary>
    [Fact]
    public async Task Fail_529_yields_error_result_at_once_when_cli_retries_are_off()
    {
        await using var fake = await FakeAnthropicApi.StartAsync();
        await using var cli = RawCliProcess.Start(fake.BaseUrl, new Dictionary<string, string> { ["CLAUDE_CODE_MAX_RETRIES"] = "0" });

        await cli.SendUserMessageAsync("[fail:overloaded]");
        var lines = await cli.ReadUntilResultAsync(TurnTimeout);

        var result = ResultOf(lines);
        Assert.True(result.GetProperty("is_error").GetBoolean());
        Assert.Equal(529, result.GetProperty("api_error_status").GetInt32());
        Assert.Single(fake.Requests, r => !r.IsStructuredOutput);
    }

    /// <summary>The CLI's session-title side request is answered with schema-valid JSON and is told apart from turns.</summary>
    [Fact]
    public async Task Long_prompt_title_request_is_recorded_as_structured_output()
    {
        await using var fake = await FakeAnthropicApi.StartAsync();
        await using var cli = RawCliProcess.Start(fake.BaseUrl);

        await cli.SendUserMessageAsync("a prompt long enough for a title");
        var result = ResultOf(await cli.ReadUntilResultAsync(TurnTimeout));
        var title = await fake.WaitForRequestAsync(r => r.IsStructuredOutput, TurnTimeout);

        Assert.Equal("a prompt long enough for a title | 1 messages", result.GetProperty("result").GetString());
        Assert.Contains("\"title\"", title.OutputJsonSchema);
        Assert.Single(fake.Requests, r => !r.IsStructuredOutput);
    }

    private static JsonElement ResultOf(IReadOnlyList<JsonElement> lines) => lines[^1];
}
