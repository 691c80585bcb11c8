using System.Diagnostics;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Web.Health;

/// <summary>
/// Ready only if the CLI is found and runs: <c>claude --version</c> must answer. A success is trusted for
/// <see cref="ClaudeGrainsWebOptions.CliCheckCacheDuration"/>, so frequent probes do not each start a CLI process.
/// </summary>
internal sealed class CliHealthCheck(ClaudeCliProcessFactory factory, IOptions<ClaudeGrainsWebOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(20);
    // A reference, so concurrent probes read either the old success or the new one, never half of each.
    private volatile Success? _lastSuccess;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_lastSuccess is { } last && time.GetUtcNow() - last.At < options.Value.CliCheckCacheDuration)
        {
            return HealthCheckResult.Healthy($"Claude Code CLI {last.Version}");
        }

        string path;
        try
        {
            path = factory.CliPath;
        }
        catch (ClaudeSessionException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }

        var (exitCode, output) = await RunVersionAsync(path, cancellationToken);
        if (exitCode != 0)
        {
            return HealthCheckResult.Unhealthy($"'{path} --version' failed (exit code {exitCode}): {output}");
        }

        _lastSuccess = new Success(time.GetUtcNow(), output);
        return HealthCheckResult.Healthy($"Claude Code CLI {output}");
    }

    private static async Task<(int ExitCode, string Output)> RunVersionAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunLimit);
        var start = new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DISABLE_AUTOUPDATER"] = "1";
        using var process = new Process { StartInfo = start };
        try
        {
            HostScheduling.StartChild(process.Start);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var text = (await stdout).Trim();
            return (process.ExitCode, text.Length > 0 ? text : (await stderr).Trim());
        }
        catch (OperationCanceledException)
        {
            // Whoever gave up, the run limit or the probe (whose own timeout may be a second), the process must not
            // outlive the check: a hanging CLI would otherwise leave one more process behind with every probe.
            ProcessReaper.Kill([process.Id]);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return (-1, $"no answer within {RunLimit.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (-1, ex.Message);
        }
    }

    private sealed record Success(DateTimeOffset At, string Version);
}
