using ClaudeGrains.Cli.Protocol;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// Turns CLI messages into the events a caller sees. Sub-agent traffic (messages with a parent tool use) is not
/// part of the session's own answer, so only its tool uses and results are surfaced.
/// </summary>
internal static class CliEventMapper
{
    public static IEnumerable<ClaudeEvent> Map(CliMessage message)
    {
        switch (message)
        {
            case StreamEventMessage { ParentToolUseId: null } streamEvent:
                if (streamEvent.TextDelta is { Length: > 0 } text)
                {
                    yield return new TextDeltaEvent { Text = text };
                }
                else if (streamEvent.ThinkingDelta is { Length: > 0 } thinking)
                {
                    yield return new ThinkingDeltaEvent { Thinking = thinking };
                }

                break;

            case AssistantMessage assistant:
                if (assistant.ParentToolUseId is null)
                {
                    yield return new AssistantMessageEvent { Text = assistant.Text, Model = assistant.Message.Model, MessageId = assistant.Message.Id };
                }

                foreach (var toolUse in assistant.Message.Content.OfType<ToolUseBlock>())
                {
                    yield return new ToolUseEvent
                    {
                        ToolUseId = toolUse.Id,
                        Name = toolUse.Name,
                        InputJson = toolUse.Input.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "{}" : toolUse.Input.GetRawText(),
                    };
                }

                break;

            case UserMessage user:
                foreach (var toolResult in user.Message.Content.OfType<ToolResultBlock>())
                {
                    yield return new ToolResultEvent { ToolUseId = toolResult.ToolUseId, Content = toolResult.ContentText, IsError = toolResult.IsError ?? false };
                }

                break;
        }
    }

    public static ClaudeResult ToResult(ResultMessage result, Guid queryId) => new()
    {
        QueryId = queryId,
        Text = result.Result ?? (result.Errors is { Count: > 0 } errors ? string.Join("; ", errors) : ""),
        CliSessionId = result.SessionId,
        IsError = result.IsError,
        Subtype = result.Subtype,
        NumTurns = result.NumTurns,
        Duration = TimeSpan.FromMilliseconds(result.DurationMs),
        ApiDuration = TimeSpan.FromMilliseconds(result.TurnDurationApiMs),
        TotalCostUsd = result.TurnCostUsd,
        Usage = new ClaudeUsage
        {
            InputTokens = result.Usage?.InputTokens ?? 0,
            OutputTokens = result.Usage?.OutputTokens ?? 0,
            CacheCreationInputTokens = result.Usage?.CacheCreationInputTokens ?? 0,
            CacheReadInputTokens = result.Usage?.CacheReadInputTokens ?? 0,
        },
        StopReason = result.StopReason,
        PermissionDenials = result.PermissionDenials?.Select(d => d.ToolName).ToArray() ?? [],
    };
}
