using System.Net;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>
/// Without an admin token the web front trusts every caller, so it answers only requests a page on another site
/// cannot make: addressed to a loopback name, and not sent by another origin's page.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class LoopbackGuardTests(LoopbackWebHost host)
{
    [Theory]
    [InlineData("GET", "api/sessions", "rebound.example", null)] // DNS rebinding: another site's name resolved to 127.0.0.1
    [InlineData("POST", "api/sessions/anyone/restart", "rebound.example", null)]
    [InlineData("POST", "api/sessions/anyone/restart", null, "http://attacker.example")] // a cross-site form
    [InlineData("POST", "api/sessions", null, "null")] // a sandboxed or local page
    [InlineData("GET", "/", "rebound.example", null)]
    public async Task A_request_another_site_could_make_is_refused_with_403(string method, string path, string? hostHeader, string? origin)
    {
        using var http = host.CreateHttpClient();
        using var request = Request(method, path, hostHeader, origin);

        using var response = await http.SendAsync(request);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("ClaudeGrains:Web:AdminToken", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("localhost", null)]
    [InlineData("127.0.0.1", "http://127.0.0.1")]
    [InlineData("[::1]", "http://localhost:8080")]
    public async Task Requests_addressed_to_loopback_from_loopback_pages_are_answered(string hostHeader, string? origin)
    {
        using var http = host.CreateHttpClient();
        using var request = Request("GET", "api/sessions/count", hostHeader, origin);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private HttpRequestMessage Request(string method, string path, string? hostHeader, string? origin)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        if (hostHeader is not null)
        {
            request.Headers.Host = $"{hostHeader}:{host.BaseAddress.Port}";
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }
}
