using System.Net;
using System.Text.Json;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>A silo with its CLI, an active membership and storage is ready.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ReadyHealthTests(LoopbackWebHost host)
{
    [Fact]
    public async Task With_CLI_silo_and_storage_in_order_the_silo_is_ready()
    {
        using var http = host.CreateHttpClient();

        var ready = await http.GetAsync("health/ready");
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(["cli", "silo", "storage"], report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        Assert.All(report.GetProperty("checks").EnumerateArray(), c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
    }
}
