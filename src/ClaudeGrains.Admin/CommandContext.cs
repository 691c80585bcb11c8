using System.CommandLine;

namespace ClaudeGrains.Admin;

/// <summary>What every command needs: output, and a way to connect with the parsed gateways.</summary>
internal sealed record CommandContext(AdminOutput Output, Option<string[]> Gateway, Option<string> ClusterId, Option<string> ServiceId, Option<string?> Redis)
{
    /// <summary>
    /// Connects and runs <paramref name="body"/>, turning failures into one-line messages and exit codes:
    /// bad input 2, anything else that failed 1.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<ClusterConnection, Task<int>> body)
    {
        try
        {
            var gateways = (parse.GetValue(Gateway) ?? [AdminApp.DefaultGateway]).Select(ClusterConnection.ParseGateway).ToList();
            await using var connection = await ClusterConnection.ConnectAsync(gateways, parse.GetValue(Redis), parse.GetValue(ClusterId)!, parse.GetValue(ServiceId)!, cancellationToken);
            return await body(connection);
        }
        catch (ArgumentException ex)
        {
            await Output.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is AdminFailure or ClaudeSessionException or TimeoutException or OrleansException)
        {
            await Output.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
