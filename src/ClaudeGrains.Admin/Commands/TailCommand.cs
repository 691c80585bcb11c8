using System.CommandLine;
using Orleans.Streams;

namespace ClaudeGrains.Admin.Commands;

/// <summary><c>tail NAME</c>: prints every event of every query of a session until Ctrl-C.</summary>
internal static class TailCommand
{
    public static Command Build(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The session name." };
        var command = new Command("tail", "Follow a session's events (every query, from any client) until Ctrl-C.") { name };
        command.SetAction((parse, ct) => context.RunAsync(parse, ct, async connection =>
        {
            var session = parse.GetValue(name)!;
            SessionName.Validate(session);
            var stream = connection.Client.GetStreamProvider(ClaudeStreams.ProviderName)
                .GetStream<ClaudeEvent>(StreamId.Create(ClaudeStreams.SessionEventsNamespace, session));
            var output = context.Output.Out;
            var gate = new SemaphoreSlim(1);
            var handle = await stream.SubscribeAsync(async (@event, _) =>
            {
                await gate.WaitAsync();
                try
                {
                    await output.WriteLineAsync(Describe(@event));
                    await output.FlushAsync();
                }
                finally
                {
                    gate.Release();
                }
            });
            await context.Output.Error.WriteLineAsync($"following {session}; Ctrl-C to stop");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                await handle.UnsubscribeAsync();
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Describe(ClaudeEvent e)
    {
        var head = $"{e.QueryId.ToString()[..8]} #{e.Sequence}";
        return e switch
        {
            QueryStartedEvent started => $"{head} started: {started.Prompt}",
            TextDeltaEvent delta => $"{head} text: {delta.Text}",
            ThinkingDeltaEvent thinking => $"{head} thinking: {thinking.Thinking}",
            AssistantMessageEvent message => $"{head} message: {message.Text}",
            ToolUseEvent toolUse => $"{head} tool: {toolUse.Name} {toolUse.InputJson}",
            ToolResultEvent toolResult => $"{head} tool result: {toolResult.Content}",
            ResultEvent result => $"{head} result: {(result.Result.IsError ? "error " : "")}{result.Result.Text} (turns {result.Result.NumTurns}, ${result.Result.TotalCostUsd:0.######})",
            QueryCompletedEvent done => $"{head} completed{(done.IsError ? $" with error: {done.ErrorMessage}" : "")}",
            _ => $"{head} {e.GetType().Name}",
        };
    }
}
