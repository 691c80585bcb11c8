using System.Net;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>The session-management endpoints of the HTTP API.</summary>
[Collection(WebHostCollection.Name)]
public sealed class SessionApiTests(LoopbackWebHost host)
{
    [Theory]
    [InlineData("web-lifecycle")]
    [InlineData("web-lifecycle/100% sure a%41 é+?#")] // escapes in the name stay as they are: decoded once, not twice
    public async Task A_started_session_is_listed_counted_and_shown_until_it_is_terminated(string prefix)
    {
        using var http = host.CreateHttpClient();
        var name = UniqueName.For(prefix);

        var started = await (await http.PostJsonAsync("api/sessions", new { name, options = new { systemPrompt = "Be brief.", maxTurns = 2 } }))
            .ReadAsync<SessionInfo>(HttpStatusCode.Created);
        var page = await (await http.GetAsync($"api/sessions?prefix={Uri.EscapeDataString(name)}")).ReadAsync<SessionPage>();
        var counts = await (await http.GetAsync("api/sessions/count")).ReadAsync<SessionCounts>();
        var status = await (await http.GetAsync(WebJson.SessionPath(name))).ReadAsync<SessionStatus>();

        Assert.Equal(name, started.Name);
        Assert.Equal(name, Assert.Single(page.Sessions).Name);
        Assert.True(counts.Registered >= 1);
        Assert.Equal(name, status.Name);
        Assert.Equal(SessionState.Hibernated, status.State);

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(WebJson.SessionPath(name))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(WebJson.SessionPath(name))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync(WebJson.SessionPath(name))).StatusCode);
        var after = await (await http.GetAsync($"api/sessions?prefix={Uri.EscapeDataString(name)}")).ReadAsync<SessionPage>();
        Assert.Empty(after.Sessions);
    }

    [Fact]
    public async Task The_list_filters_by_state_and_pages()
    {
        using var http = host.CreateHttpClient();
        var prefix = UniqueName.For("web-page");
        foreach (var i in Enumerable.Range(0, 3))
        {
            (await http.PostJsonAsync("api/sessions", new { name = $"{prefix}/{i}" })).EnsureSuccessStatusCode();
        }

        var first = await (await http.GetAsync($"api/sessions?prefix={Uri.EscapeDataString(prefix)}&pageSize=2&page=0")).ReadAsync<SessionPage>();
        var second = await (await http.GetAsync($"api/sessions?prefix={Uri.EscapeDataString(prefix)}&pageSize=2&page=1")).ReadAsync<SessionPage>();
        var busy = await (await http.GetAsync($"api/sessions?prefix={Uri.EscapeDataString(prefix)}&state=Busy")).ReadAsync<SessionPage>();

        Assert.Equal(3, first.TotalCount);
        Assert.Equal(2, first.Sessions.Count);
        Assert.Single(second.Sessions);
        Assert.Empty(busy.Sessions);
    }

    [Fact]
    public async Task Restart_gives_a_fresh_conversation_and_interrupt_answers_for_an_idle_session()
    {
        using var http = host.CreateHttpClient();
        var name = UniqueName.For("web-restart");
        (await http.PostJsonAsync("api/sessions", new { name })).EnsureSuccessStatusCode();
        await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "remember me" })).ReadAsync<ClaudeResult>();

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(WebJson.SessionPath(name, "restart"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(WebJson.SessionPath(name, "interrupt"), null)).StatusCode);
        var after = await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "who am I" })).ReadAsync<ClaudeResult>();

        Assert.Equal("who am I | 1 messages", after.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(WebJson.SessionPath(UniqueName.For("web-unknown"), "restart"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(WebJson.SessionPath(UniqueName.For("web-unknown"), "interrupt"), null)).StatusCode);
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        using var http = host.CreateHttpClient();

        var document = await http.GetStringAsync("openapi/v1.json");

        foreach (var path in new[] { "/api/sessions", "/api/sessions/count", "/api/sessions/{name}", "/api/sessions/{name}/restart",
                     "/api/sessions/{name}/interrupt", "/api/sessions/{name}/query", "/api/sessions/{name}/stream", "/api/sessions/{name}/events" })
        {
            Assert.Contains($"\"{path}\"", document);
        }
    }
}
