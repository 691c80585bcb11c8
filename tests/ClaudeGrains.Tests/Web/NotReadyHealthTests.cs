using System.Net;
using System.Text.Json;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>Readiness names the part that is not ready.</summary>
[Collection(SecuredWebHostCollection.Name)]
public sealed class NotReadyHealthTests(SecuredWebHost host)
{
    [Fact]
    public async Task Without_a_CLI_the_silo_is_live_but_not_ready_and_says_the_CLI_is_why()
    {
        using var http = host.CreateHttpClient(withToken: false);

        var live = await http.GetAsync("health/live");
        var ready = await http.GetAsync("health/ready");
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks["cli"].GetProperty("status").GetString());
        Assert.Contains(host.MissingCliPath, checks["cli"].GetProperty("description").GetString());
        Assert.Equal("Healthy", checks["silo"].GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["storage"].GetProperty("status").GetString());
    }
}
