using System.CommandLine;

namespace ClaudeGrains.Admin.Commands;

/// <summary><c>sessions list|count|start|terminate|restart|status</c>.</summary>
internal static class SessionCommands
{
    public static Command Build(CommandContext context)
    {
        var sessions = new Command("sessions", "List, count, start, terminate, restart and inspect sessions.");
        sessions.Subcommands.Add(List(context));
        sessions.Subcommands.Add(Count(context));
        sessions.Subcommands.Add(Start(context));
        sessions.Subcommands.Add(Terminate(context));
        sessions.Subcommands.Add(Restart(context));
        sessions.Subcommands.Add(Status(context));
        return sessions;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Write JSON (stable, for scripts) instead of a table." };

    private static Argument<string> NameArgument() => new("name") { Description = "The session name." };

    private static Command List(CommandContext context)
    {
        var prefix = new Option<string?>("--prefix") { Description = "Only names starting with this (e.g. user/)." };
        var state = new Option<SessionState?>("--state") { Description = "Only sessions in this state." };
        var page = new Option<int>("--page") { Description = "Page number, from 0.", DefaultValueFactory = _ => 0 };
        var pageSize = new Option<int>("--page-size") { Description = $"Sessions per page (1-{SessionFilter.MaxPageSize}).", DefaultValueFactory = _ => 100 };
        var json = JsonOption();
        var command = new Command("list", "List sessions on every silo.") { prefix, state, page, pageSize, json };
        command.SetAction((parse, ct) => context.RunAsync(parse, ct, async connection =>
        {
            var result = await connection.Manager.ListSessionsAsync(new SessionFilter
            {
                Prefix = parse.GetValue(prefix),
                State = parse.GetValue(state),
                Page = parse.GetValue(page),
                PageSize = parse.GetValue(pageSize),
            });
            if (parse.GetValue(json))
            {
                context.Output.WriteJson(result);
            }
            else
            {
                context.Output.WriteTable(result.Sessions,
                    ("NAME", s => s.Name), ("STATE", s => s.State.ToString()), ("SILO", s => s.Silo), ("PID", s => s.ProcessId?.ToString()),
                    ("QUEUE", s => s.QueueLength.ToString()), ("RESTARTS", s => s.Counters.Restarts.ToString()), ("QUERIES", s => s.Counters.Queries.ToString()),
                    ("COST USD", s => s.Counters.CostUsd.ToString("0.####")), ("LAST ERROR", s => s.LastError));
                await context.Output.Out.WriteLineAsync($"{result.Sessions.Count} of {result.TotalCount} session(s), page {result.Page}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Count(CommandContext context)
    {
        var json = JsonOption();
        var command = new Command("count", "Count sessions by state.") { json };
        command.SetAction((parse, ct) => context.RunAsync(parse, ct, async connection =>
        {
            var counts = await connection.Manager.CountSessionsAsync();
            if (parse.GetValue(json))
            {
                context.Output.WriteJson(counts);
            }
            else
            {
                context.Output.WriteTable([counts], ("REGISTERED", c => c.Registered.ToString()), ("LIVE", c => c.LiveProcesses.ToString()),
                    ("BUSY", c => c.Busy.ToString()), ("HIBERNATED", c => c.Hibernated.ToString()), ("FAULTED", c => c.Faulted.ToString()));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Start(CommandContext context)
    {
        var name = NameArgument();
        var systemPrompt = new Option<string?>("--system-prompt") { Description = "Replace the system prompt." };
        var appendSystemPrompt = new Option<string?>("--append-system-prompt") { Description = "Append to the system prompt." };
        var model = new Option<string?>("--model") { Description = "Model alias or name." };
        var allowedTools = new Option<string[]>("--allowed-tools") { Description = "Tools allowed without asking (repeat).", AllowMultipleArgumentsPerToken = true };
        var maxTurns = new Option<int?>("--max-turns") { Description = "Maximum agentic turns per query." };
        var permissionMode = new Option<PermissionMode?>("--permission-mode") { Description = "Default, AcceptEdits, Plan, BypassPermissions or DontAsk." };
        var addDir = new Option<string[]>("--add-dir") { Description = "Extra directory the tools may use (repeat).", AllowMultipleArgumentsPerToken = true };
        var replace = new Option<bool>("--replace") { Description = "Replace the options of an existing session." };
        var warm = new Option<bool>("--warm") { Description = "Start the CLI process now." };
        var json = JsonOption();
        var command = new Command("start", "Register a session and apply its options (none given: the silo's defaults).")
        {
            name, systemPrompt, appendSystemPrompt, model, allowedTools, maxTurns, permissionMode, addDir, replace, warm, json,
        };
        command.SetAction((parse, ct) => context.RunAsync(parse, ct, async connection =>
        {
            var options = new SessionOptions
            {
                SystemPrompt = parse.GetValue(systemPrompt),
                AppendSystemPrompt = parse.GetValue(appendSystemPrompt),
                Model = parse.GetValue(model),
                AllowedTools = NullIfEmpty(parse.GetValue(allowedTools)),
                MaxTurns = parse.GetValue(maxTurns),
                PermissionMode = parse.GetValue(permissionMode),
                AdditionalDirectories = NullIfEmpty(parse.GetValue(addDir)),
            };
            // Without any option the session gets the silo's defaults, which this tool cannot know.
            var given = options.Equals(new SessionOptions()) ? null : options;
            var info = await connection.Manager.StartSessionAsync(parse.GetValue(name)!, given, parse.GetValue(replace), parse.GetValue(warm));
            WriteInfo(context, info, parse.GetValue(json), "started");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Terminate(CommandContext context) =>
        Act(context, "terminate", "Stop a session's process, clear its state and unregister it.", (m, n) => m.TerminateSessionAsync(n), "terminated");

    private static Command Restart(CommandContext context) =>
        Act(context, "restart", "Give a session a fresh process and a fresh conversation.", (m, n) => m.RestartSessionAsync(n), "restarted");

    private static Command Act(CommandContext context, string verb, string description, Func<IClaudeSessionManagerGrain, string, Task<bool>> act, string done)
    {
        var name = NameArgument();
        var command = new Command(verb, description) { name };
        command.SetAction((parse, ct) => context.RunAsync(parse, ct, async connection =>
        {
            var session = parse.GetValue(name)!;
            if (!await act(connection.Manager, session))
            {
                throw new AdminFailure($"unknown session '{session}'");
            }

            await context.Output.Out.WriteLineAsync($"{done} {session}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Status(CommandContext context)
    {
        var name = NameArgument();
        var json = JsonOption();
        var command = new Command("status", "Show one session's state.") { name, json };
        command.SetAction((parse, ct) => context.RunAsync(parse, ct, async connection =>
        {
            var session = parse.GetValue(name)!;
            SessionName.Validate(session); // a usage error, like the other commands', not an unknown session
            if (!await connection.Manager.IsRegisteredAsync(session))
            {
                throw new AdminFailure($"unknown session '{session}'");
            }

            var status = await connection.Client.GetGrain<IClaudeSessionGrain>(session).GetStatusAsync();
            if (parse.GetValue(json))
            {
                context.Output.WriteJson(status);
            }
            else
            {
                context.Output.WriteTable(
                [
                    ("Name", status.Name), ("State", status.State.ToString()), ("Silo", status.Silo), ("Process", status.ProcessId?.ToString()),
                    ("CLI session", status.CliSessionId), ("Queue", status.QueueLength.ToString()), ("Queries", status.Counters.Queries.ToString()),
                    ("Turns", status.Counters.Turns.ToString()), ("Tokens in/out", $"{status.Counters.InputTokens}/{status.Counters.OutputTokens}"),
                    ("Cost USD", status.Counters.CostUsd.ToString("0.####")), ("Restarts", status.Counters.Restarts.ToString()),
                    ("Last active", status.LastActiveAt?.ToString("u")), ("Last failure", status.LastFailure),
                ], ("FIELD", r => r.Item1), ("VALUE", r => r.Item2));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteInfo(CommandContext context, SessionInfo info, bool json, string verb)
    {
        if (json)
        {
            context.Output.WriteJson(info);
        }
        else
        {
            context.Output.Out.WriteLine($"{verb} {info.Name}: {info.State}, {info.OptionsSummary}");
        }
    }

    private static IReadOnlyList<string>? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;
}
