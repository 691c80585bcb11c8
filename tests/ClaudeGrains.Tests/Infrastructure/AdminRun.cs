using ClaudeGrains.Admin;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>The admin tool's command line, run in process against a test cluster.</summary>
public sealed record AdminRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs a command against a test cluster's gateway.</summary>
    public static Task<AdminRun> RunAsync(ClusterFixture cluster, params string[] args) => RunAsync(ConnectionArgs(cluster), args);

    /// <summary>Runs a command with explicit connection arguments (e.g. <c>--redis</c>).</summary>
    public static async Task<AdminRun> RunAsync(string[] connection, params string[] args)
    {
        var (exit, stdout, stderr) = Start(connection, CancellationToken.None, args);
        return new AdminRun(await exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts a command that runs until cancelled (like tail), with output a test can await.</summary>
    public static (Task<int> Exit, SignalingWriter Out, SignalingWriter Error) Start(ClusterFixture cluster, CancellationToken cancellationToken, params string[] args) =>
        Start(ConnectionArgs(cluster), cancellationToken, args);

    private static (Task<int> Exit, SignalingWriter Out, SignalingWriter Error) Start(string[] connection, CancellationToken cancellationToken, string[] args)
    {
        var stdout = new SignalingWriter();
        var stderr = new SignalingWriter();
        var exit = Task.Run(() => AdminApp.RunAsync([.. args, .. connection], stdout, stderr, cancellationToken));
        return (exit, stdout, stderr);
    }

    private static string[] ConnectionArgs(ClusterFixture cluster) =>
    [
        "--gateway", $"127.0.0.1:{cluster.Cluster.Primary!.GatewayAddress!.Endpoint.Port}",
        "--cluster-id", cluster.Cluster.Options.ClusterId,
        "--service-id", cluster.Cluster.Options.ServiceId,
    ];
}
