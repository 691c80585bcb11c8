using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.ClientSample;

/// <summary>Connects to the silo's gateway, streams one answer to stdout and a summary to stderr.</summary>
internal static class SessionQuery
{
    public static async Task<int> RunAsync(ClientArguments arguments)
    {
        var builder = Host.CreateApplicationBuilder();
        // The sample reports failures itself, in one line; the host's own stack traces would bury them.
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(arguments.GatewayPort));
        using var host = builder.Build();
        try
        {
            // Without a bound the client keeps retrying the gateway for minutes.
            using var connectTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StartAsync(connectTimeout.Token);
        }
        catch (Exception ex)
        {
            var why = ex is OperationCanceledException ? "no answer within 10 s" : ex.Message;
            await Console.Error.WriteLineAsync($"error: no silo reachable at gateway {IPAddress.Loopback}:{arguments.GatewayPort} ({why}). Start one with 'dotnet run --project silo'.");
            return 1;
        }

        try
        {
            var session = host.Services.GetRequiredService<IClusterClient>().GetGrain<IClaudeSessionGrain>(arguments.Session);
            ClaudeResult? result = null;
            await foreach (var @event in session.QueryStreamAsync(arguments.Prompt))
            {
                switch (@event)
                {
                    case TextDeltaEvent delta:
                        Console.Out.Write(delta.Text);
                        await Console.Out.FlushAsync();
                        break;
                    case ToolUseEvent toolUse:
                        await Console.Error.WriteLineAsync($"[tool] {toolUse.Name} {toolUse.InputJson}");
                        break;
                    case ResultEvent final:
                        result = final.Result;
                        break;
                }
            }

            Console.Out.WriteLine();
            if (result is null)
            {
                await Console.Error.WriteLineAsync("error: the session ended the answer without a result");
                return 1;
            }

            await Console.Error.WriteLineAsync(
                $"session={result.CliSessionId} turns={result.NumTurns} cost=${result.TotalCostUsd:0.######} duration={result.Duration.TotalMilliseconds:0}ms{(result.IsError ? $" error={result.Subtype}: {result.Text}" : "")}");
            return result.IsError ? 1 : 0;
        }
        catch (Exception ex) when (ex is ClaudeSessionException or ArgumentException or OrleansException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
