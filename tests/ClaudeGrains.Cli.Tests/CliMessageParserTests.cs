using System.Text;
using System.Text.Json;
using ClaudeGrains.Cli.Protocol;

namespace ClaudeGrains.Cli.Tests;

public sealed class CliMessageParserTests
{
    [Theory]
    [InlineData("turn-text.jsonl")]
    [InlineData("turn-tool-use.jsonl")]
    [InlineData("turn-not-logged-in.jsonl")]
    [InlineData("two-turns-with-control.jsonl")]
    public void Every_recorded_line_parses_to_a_known_message_type(string fixture)
    {
        foreach (var line in Fixture.Lines(fixture))
        {
            var message = CliMessageParser.Parse(line);
            Assert.IsNotType<UnknownMessage>(message);
        }
    }

    [Fact]
    public void A_text_turn_yields_init_deltas_assistant_and_result()
    {
        var messages = Fixture.Lines("turn-text.jsonl").Select(CliMessageParser.Parse).ToList();

        var init = Assert.IsType<SystemMessage>(messages[0]);
        Assert.True(init.IsInit);
        Assert.Equal("2.1.197", init.Version);
        Assert.False(string.IsNullOrEmpty(init.SessionId));
        Assert.NotEmpty(init.Tools!);
        Assert.NotNull(init.Extra); // fields without a property are kept

        var deltas = messages.OfType<StreamEventMessage>().Select(m => m.TextDelta).Where(t => t is not null).ToList();
        var assistant = Assert.Single(messages.OfType<AssistantMessage>());
        Assert.Equal(string.Concat(deltas), assistant.Text);

        var result = Assert.IsType<ResultMessage>(messages[^1]);
        Assert.Equal("success", result.Subtype);
        Assert.False(result.IsError);
        Assert.Equal(assistant.Text, result.Result);
        Assert.Equal(init.SessionId, result.SessionId);
        Assert.Equal(1, result.NumTurns);
        Assert.Equal(0.0001m, result.TotalCostUsd);
        Assert.Equal(5, result.Usage!.InputTokens);
        Assert.Equal(3, result.Usage.OutputTokens);
        Assert.Equal("end_turn", result.StopReason);
        Assert.NotNull(result.ModelUsage);
        Assert.Empty(result.PermissionDenials!);
    }

    [Fact]
    public void A_tool_turn_yields_thinking_tool_use_and_tool_result()
    {
        var messages = Fixture.Lines("turn-tool-use.jsonl").Select(CliMessageParser.Parse).ToList();

        var blocks = messages.OfType<AssistantMessage>().SelectMany(a => a.Message.Content).ToList();
        var thinking = Assert.Single(blocks.OfType<ThinkingBlock>());
        Assert.Equal("I should read the file.", thinking.Thinking);
        var toolUse = Assert.Single(blocks.OfType<ToolUseBlock>());
        Assert.Equal("Read", toolUse.Name);
        Assert.Equal("toolu_01", toolUse.Id);
        Assert.Equal("/tmp/probe/hello.txt", toolUse.Input.GetProperty("file_path").GetString());

        var toolResult = Assert.Single(messages.OfType<UserMessage>().SelectMany(u => u.Message.Content).OfType<ToolResultBlock>());
        Assert.Equal("toolu_01", toolResult.ToolUseId);
        Assert.Contains("hello from file", toolResult.ContentText);

        Assert.Contains(messages.OfType<StreamEventMessage>(), m => m.ThinkingDelta == "I should read the file.");
        Assert.Equal(2, Assert.IsType<ResultMessage>(messages[^1]).NumTurns);
    }

    [Fact]
    public void The_not_logged_in_result_is_an_error_result()
    {
        var result = Fixture.Lines("turn-not-logged-in.jsonl").Select(CliMessageParser.Parse).OfType<ResultMessage>().First();

        Assert.True(result.IsError);
        Assert.Contains("Not logged in", result.Result);
    }

    [Fact]
    public void Control_responses_carry_their_request_id()
    {
        var responses = Fixture.Lines("two-turns-with-control.jsonl").Select(CliMessageParser.Parse).OfType<ControlResponseMessage>().ToList();

        Assert.Equal(["req_1", "req_2"], responses.Select(r => r.RequestId));
        Assert.All(responses, r => Assert.True(r.IsSuccess));
    }

    [Fact]
    public void An_unknown_type_is_kept_whole()
    {
        const string line = """{"type":"brand_new","payload":{"x":[1,2,3]},"session_id":"s1"}""";

        var message = Assert.IsType<UnknownMessage>(CliMessageParser.Parse(line));

        Assert.Equal("brand_new", message.Type);
        Assert.Equal(line, message.RawJson);
    }

    [Fact]
    public void Unknown_fields_and_content_blocks_do_not_fail_the_line()
    {
        const string line = """{"type":"assistant","new_field":true,"message":{"id":"m","role":"assistant","content":[{"type":"hologram","data":"zz"},{"type":"text","text":"hi"}],"future":{"a":1}},"session_id":"s"}""";

        var message = Assert.IsType<AssistantMessage>(CliMessageParser.Parse(line));

        var unknown = Assert.IsType<UnknownContentBlock>(message.Message.Content[0]);
        Assert.Equal("hologram", unknown.Type);
        Assert.Contains("\"data\":\"zz\"", unknown.RawJson);
        Assert.Equal("hi", message.Text);
        Assert.True(message.Extra!.ContainsKey("new_field"));
    }

    [Fact]
    public void A_plain_string_content_reads_as_one_text_block()
    {
        var message = Assert.IsType<UserMessage>(CliMessageParser.Parse("""{"type":"user","message":{"role":"user","content":"hello"}}"""));

        Assert.Equal("hello", Assert.IsType<TextBlock>(Assert.Single(message.Message.Content)).Text);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"type\":\"result\"")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"result\",\"num_turns\":\"many\"}")]
    [InlineData("{\"type\":\"system\"} {\"type\":\"system\"}")]
    public void Garbage_is_reported_not_thrown(string line)
    {
        var ok = CliMessageParser.TryParse(Encoding.UTF8.GetBytes(line), out var message, out var error);

        Assert.False(ok);
        Assert.Null(message);
        Assert.StartsWith("Not a stream-json message", error);
    }

    [Fact]
    public void A_ten_mebibyte_line_parses()
    {
        var text = new string('x', 10 * 1024 * 1024);
        var line = $$"""{"type":"result","subtype":"success","is_error":false,"result":"{{text}}","num_turns":1,"session_id":"s"}""";

        var result = Assert.IsType<ResultMessage>(CliMessageParser.Parse(line));

        Assert.Equal(text.Length, result.Result!.Length);
    }

    [Fact]
    public void A_result_whose_denied_tool_input_nests_a_hundred_deep_parses()
    {
        var line = $$"""{"type":"result","subtype":"success","is_error":false,"result":"done","num_turns":1,"session_id":"s","permission_denials":[{"tool_name":"Write","tool_use_id":"toolu_9","tool_input":{{Nested(100)}}}]}""";

        var result = Assert.IsType<ResultMessage>(CliMessageParser.Parse(line));

        Assert.Equal("done", result.Result);
        var denial = Assert.Single(result.PermissionDenials!);
        Assert.Equal("Write", denial.ToolName);
        Assert.Equal("toolu_9", denial.ToolUseId);
        Assert.Equal(100, Depth(denial.ToolInput!.Value));
    }

    [Fact]
    public void An_assistant_tool_use_whose_input_nests_a_hundred_deep_parses()
    {
        var line = $$"""{"type":"assistant","message":{"id":"m","role":"assistant","content":[{"type":"tool_use","id":"toolu_8","name":"Edit","input":{{Nested(100)}}}]},"session_id":"s"}""";

        var message = Assert.IsType<AssistantMessage>(CliMessageParser.Parse(line));

        var toolUse = Assert.IsType<ToolUseBlock>(Assert.Single(message.Message.Content));
        Assert.Equal("toolu_8", toolUse.Id);
        Assert.Equal("Edit", toolUse.Name);
        Assert.Equal(100, Depth(toolUse.Input));
    }

    [Fact]
    public void Half_of_a_character_cut_off_by_the_cli_reads_as_a_replacement_character()
    {
        // JavaScript cuts strings between the halves of an emoji and JSON.stringify escapes the lone half.
        var result = Assert.IsType<ResultMessage>(CliMessageParser.Parse("""{"type":"result","subtype":"success","result":"cut \ud83d","session_id":"s"}"""));
        var delta = Assert.IsType<StreamEventMessage>(CliMessageParser.Parse("""{"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\ude00 tail"}}}"""));
        var user = Assert.IsType<UserMessage>(CliMessageParser.Parse("""{"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"ab\ud83d"}]}}"""));

        Assert.Equal("cut \uFFFD", result.Result);
        Assert.Equal("\uFFFD tail", delta.TextDelta);
        Assert.Equal("ab\uFFFD", Assert.IsType<ToolResultBlock>(Assert.Single(user.Message.Content)).ContentText);
    }

    [Theory]
    [InlineData("""a whole pair \ud83d\ude00""", "a whole pair \U0001F600")]
    [InlineData("""an escaped backslash \\ud83d is text""", """an escaped backslash \ud83d is text""")]
    [InlineData("""three backslashes \\\ud83d end in an escape""", "three backslashes \\\uFFFD end in an escape")]
    [InlineData("""two lone halves \ude00\ud83d""", "two lone halves \uFFFD\uFFFD")]
    [InlineData("""other escapes \u0041\n""", "other escapes A\n")]
    public void Only_lone_halves_are_replaced(string escaped, string text)
    {
        var result = Assert.IsType<ResultMessage>(CliMessageParser.Parse($$"""{"type":"result","subtype":"success","result":"{{escaped}}"}"""));

        Assert.Equal(text, result.Result);
    }

    [Fact]
    public void Input_lines_are_single_line_json_the_cli_accepts()
    {
        var user = Encoding.UTF8.GetString(CliInput.UserMessage("multi\nline \"quoted\""));
        var interrupt = Encoding.UTF8.GetString(CliInput.ControlRequest("req_7", "interrupt"));

        Assert.Equal("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"multi\\nline \\u0022quoted\\u0022\"}}\n", user);
        Assert.Equal("{\"type\":\"control_request\",\"request_id\":\"req_7\",\"request\":{\"subtype\":\"interrupt\"}}\n", interrupt);
    }

    // {"a":{"a":...{"a":1}...}} with `depth` objects.
    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static int Depth(JsonElement element)
    {
        var depth = 0;
        for (; element.ValueKind == JsonValueKind.Object; element = element.GetProperty("a"))
        {
            depth++;
        }

        return depth;
    }
}
