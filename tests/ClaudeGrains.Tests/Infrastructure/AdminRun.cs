using ClaudeGrains.Admin;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>The admin tool's command line, run in process against a test cluster's gateway.</summary>
public sealed record AdminRun(int ExitCode, string Out, string Error)
{
    public static async Task<AdminRun> RunAsync(ClusterFixture cluster, params string[] args)
    {
        var (exit, stdout, stderr) = Start(cluster, CancellationToken.None, args);
        return new AdminRun(await exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts a command that runs until cancelled (like tail), with output a test can await.</summary>
    public static (Task<int> Exit, SignalingWriter Out, SignalingWriter Error) Start(ClusterFixture cluster, CancellationToken cancellationToken, params string[] args)
    {
        var gateway = cluster.Cluster.Primary!.GatewayAddress!.Endpoint;
        var stdout = new SignalingWriter();
        var stderr = new SignalingWriter();
        var exit = Task.Run(() => AdminApp.RunAsync(
            [.. args, "--gateway", $"127.0.0.1:{gateway.Port}", "--cluster-id", cluster.Cluster.Options.ClusterId, "--service-id", cluster.Cluster.Options.ServiceId],
            stdout,
            stderr,
            cancellationToken));
        return (exit, stdout, stderr);
    }
}
