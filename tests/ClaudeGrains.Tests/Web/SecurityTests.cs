using System.Net;
using System.Net.Http.Headers;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>With an admin token configured, the API, metrics and dashboard answer only to it.</summary>
[Collection(SecuredWebHostCollection.Name)]
public sealed class SecurityTests(SecuredWebHost host)
{
    [Theory]
    [InlineData("GET", "api/sessions")]
    [InlineData("GET", "api/sessions/count")]
    [InlineData("POST", "api/sessions")]
    [InlineData("DELETE", "api/sessions/anyone")]
    [InlineData("POST", "api/sessions/anyone/restart")]
    [InlineData("POST", "api/sessions/anyone/interrupt")]
    [InlineData("POST", "api/sessions/anyone/query")]
    [InlineData("POST", "api/sessions/anyone/stream")]
    [InlineData("GET", "api/sessions/anyone/events")]
    [InlineData("GET", "metrics")]
    [InlineData("GET", "dashboard")]
    public async Task Without_the_token_a_protected_endpoint_answers_401(string method, string path)
    {
        using var http = host.CreateHttpClient(withToken: false);
        using var wrong = host.CreateHttpClient(withToken: false);
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");

        using var anonymous = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonBody() });
        using var wrongToken = await wrong.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonBody() });

        await anonymous.ReadProblemAsync(HttpStatusCode.Unauthorized);
        await wrongToken.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task With_the_token_the_API_metrics_and_dashboard_answer()
    {
        using var http = host.CreateHttpClient();
        var name = UniqueName.For("secured");

        var started = await http.PostJsonAsync("api/sessions", new { name });
        var list = await (await http.GetAsync($"api/sessions?prefix={Uri.EscapeDataString(name)}")).ReadAsync<SessionPage>();
        var metrics = await http.GetAsync("metrics");
        var dashboard = await http.GetAsync("dashboard/");
        var terminated = await http.DeleteAsync(WebJson.SessionPath(name));

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(name, Assert.Single(list.Sessions).Name);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("claudegrains_processes_live", await metrics.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NoContent, terminated.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_accepts_the_token_cookie_the_UI_sets_but_the_API_does_not()
    {
        using var http = host.CreateHttpClient(withToken: false);
        http.DefaultRequestHeaders.Add("Cookie", $"claudegrains_token={SecuredWebHost.Token}");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/sessions")).StatusCode);
    }

    [Fact]
    public async Task Health_probes_and_the_page_shell_need_no_token()
    {
        using var http = host.CreateHttpClient(withToken: false);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
        var page = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    private static StringContent JsonBody() => new("{}", System.Text.Encoding.UTF8, "application/json");
}
