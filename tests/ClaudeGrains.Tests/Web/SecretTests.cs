using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>The Anthropic API key the silo holds never shows in a response, a page or a log line.</summary>
[Collection(WebHostCollection.Name)]
public sealed class SecretTests(LoopbackWebHost host)
{
    [Fact]
    public async Task No_endpoint_page_or_log_line_contains_the_API_key()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-secret");
        await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "anything secret?" });

        var bodies = new List<string>();
        foreach (var path in new[] { "/", "openapi/v1.json", "metrics", "health/ready", "dashboard", "api/sessions", "api/sessions/count", WebJson.SessionPath(name) })
        {
            bodies.Add(await http.GetStringAsync(path));
        }

        Assert.Contains(host.Api.Requests, r => r.HasApiKey); // the key is in use, so it could have leaked
        Assert.All(bodies, body => Assert.DoesNotContain(TestSiloSettings.TestApiKey, body));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(TestSiloSettings.TestApiKey));
        Assert.Contains(host.Logs.Lines, line => line.Contains("anything secret?")); // prompts are logged, at Debug
        await http.DeleteAsync(WebJson.SessionPath(name));
    }
}
