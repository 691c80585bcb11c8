using Microsoft.Extensions.Hosting;

namespace ClaudeGrains.Testing;

/// <summary>
/// Replaces the default console lifetime, which would take over SIGTERM and Ctrl+C of the whole test process:
/// with it, killing a test run waits for code that never asked to be stopped. The fake stops only when disposed.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
