using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>A silo's gauges are there from its start, before any session has been activated on it.</summary>
public sealed class SiloStartMetricsTests
{
    [Fact]
    public async Task A_silo_that_has_hosted_no_session_reports_its_gauges()
    {
        // A host of its own, with no configured sessions, that nothing else asks anything.
        var host = new LoopbackWebHost();
        await host.InitializeAsync();
        try
        {
            using var http = host.CreateHttpClient();

            var metrics = await http.GetStringAsync("metrics");

            Assert.Contains("\nclaudegrains_processes_live", metrics);
            Assert.Contains("\nclaudegrains_sessions_busy", metrics);
            Assert.Contains("\nclaudegrains_sessions_hibernated", metrics);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
