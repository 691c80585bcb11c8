using System.CommandLine;
using System.Net;
using ClaudeGrains.Admin.Commands;

namespace ClaudeGrains.Admin;

/// <summary>The claudegrains command line.</summary>
public static class AdminApp
{
    /// <summary>The gateway used when none is given.</summary>
    public const string DefaultGateway = "localhost:30000";

    /// <summary>Runs the tool with <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var output = new AdminOutput(stdout, stderr);
        var gateway = new Option<string[]>("--gateway")
        {
            Description = $"Cluster gateway as host:port; repeat for several. Default {DefaultGateway}.",
            Recursive = true,
            DefaultValueFactory = _ => [DefaultGateway],
        };
        var clusterId = new Option<string>("--cluster-id") { Description = "The cluster id (the silo's ClusterOptions). Default 'default', as localhost clustering uses.", Recursive = true, DefaultValueFactory = _ => "default" };
        var serviceId = new Option<string>("--service-id") { Description = "The service id. Default 'default'.", Recursive = true, DefaultValueFactory = _ => "default" };
        var redis = new Option<string?>("--redis") { Description = "Find the cluster through Redis membership (a StackExchange.Redis connection string) instead of --gateway.", Recursive = true };
        var root = new RootCommand("claudegrains: manage ClaudeGrains sessions (list, count, start, restart, terminate, status, query, tail).");
        root.Options.Add(gateway);
        root.Options.Add(clusterId);
        root.Options.Add(serviceId);
        root.Options.Add(redis);
        var context = new CommandContext(output, gateway, clusterId, serviceId, redis);
        root.Subcommands.Add(SessionCommands.Build(context));
        root.Subcommands.Add(QueryCommand.Build(context));
        root.Subcommands.Add(TailCommand.Build(context));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'claudegrains --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }
}
