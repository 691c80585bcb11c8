using ClaudeGrains.Grains.Telemetry;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>The ClaudeGrains meter moves with what the sessions do.</summary>
[Collection(WebHostCollection.Name)]
public sealed class MetricsTests(LoopbackWebHost host)
{
    [Fact]
    public async Task Answered_and_failed_queries_tokens_cost_restarts_and_gauges_are_measured()
    {
        using var http = host.CreateHttpClient();
        using var metrics = new MeterProbe(host.Meter);
        var name = await http.StartSessionAsync("web-metrics");

        await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "[deltas:4] count me" })).ReadAsync<ClaudeResult>();
        var live = metrics.Observe("claudegrains.processes.live");
        await http.KillSessionCliAsync(name);

        await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "after the crash" })).ReadAsync<ClaudeResult>();
        await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "too slow [hang]", timeout = "00:00:01" });

        Assert.Equal(2, metrics.Sum("claudegrains.queries", (ClaudeGrainsMetrics.OutcomeTag, "success")));
        Assert.Equal(1, metrics.Sum("claudegrains.queries", (ClaudeGrainsMetrics.OutcomeTag, "timeout")));
        Assert.Equal(3, metrics.Of("claudegrains.query.duration").Count);
        Assert.Equal(2, metrics.Of("claudegrains.query.time_to_first_delta").Count);
        Assert.True(metrics.Sum("claudegrains.tokens", (ClaudeGrainsMetrics.DirectionTag, "input")) > 0);
        Assert.True(metrics.Sum("claudegrains.tokens", (ClaudeGrainsMetrics.DirectionTag, "output")) > 0);
        Assert.True(metrics.Sum("claudegrains.cost") > 0);
        Assert.Equal(1, metrics.Sum("claudegrains.restarts"));
        Assert.True(live >= 1);
        Assert.Equal(0, metrics.Observe("claudegrains.sessions.busy"));
        await http.DeleteAsync(WebJson.SessionPath(name));
    }
}
