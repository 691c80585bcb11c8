using System.CommandLine;

namespace ClaudeGrains.Admin.Commands;

/// <summary><c>query NAME "prompt"</c>: streams the answer, then a summary line on stderr.</summary>
internal static class QueryCommand
{
    public static Command Build(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The session name." };
        var prompt = new Argument<string>("prompt") { Description = "The prompt." };
        var command = new Command("query", "Send a prompt to a session and stream the answer.") { name, prompt };
        command.SetAction((parse, ct) => context.RunAsync(parse, ct, async connection =>
        {
            var session = connection.Client.GetGrain<IClaudeSessionGrain>(parse.GetValue(name)!);
            ClaudeResult? result = null;
            await foreach (var @event in session.QueryStreamAsync(parse.GetValue(prompt)!, ct))
            {
                switch (@event)
                {
                    case TextDeltaEvent delta:
                        await context.Output.Out.WriteAsync(delta.Text);
                        await context.Output.Out.FlushAsync(ct);
                        break;
                    case ToolUseEvent toolUse:
                        await context.Output.Error.WriteLineAsync($"[tool] {toolUse.Name} {toolUse.InputJson}");
                        break;
                    case ResultEvent final:
                        result = final.Result;
                        break;
                }
            }

            await context.Output.Out.WriteLineAsync();
            if (result is null)
            {
                throw new AdminFailure("the session ended the answer without a result");
            }

            await context.Output.Error.WriteLineAsync(
                $"session={result.CliSessionId} turns={result.NumTurns} cost=${result.TotalCostUsd:0.######} duration={result.Duration.TotalMilliseconds:0}ms{(result.IsError ? $" error={result.Subtype}: {result.Text}" : "")}");
            return result.IsError ? ExitCodes.Failure : ExitCodes.Success;
        }));
        return command;
    }
}
