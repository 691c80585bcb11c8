using System.Net;
using System.Text;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>Every failure of the HTTP API is problem+json with the status that says what went wrong.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ErrorStatusTests(LoopbackWebHost host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Invalid_names_options_and_bodies_get_400_and_a_body_that_is_not_json_gets_415()
    {
        using var http = host.CreateHttpClient();

        var badName = await (await http.PostJsonAsync("api/sessions", new { name = "bad\u0001name" })).ReadProblemAsync(HttpStatusCode.BadRequest);
        var badRouteName = await (await http.GetAsync("api/sessions/bad%01name")).ReadProblemAsync(HttpStatusCode.BadRequest);
        var badOptions = await (await http.PostJsonAsync("api/sessions", new { name = UniqueName.For("web-bad"), options = new { maxTurns = 0 } })).ReadProblemAsync(HttpStatusCode.BadRequest);
        var badEnum = await (await http.PostJsonAsync("api/sessions", new { name = UniqueName.For("web-bad"), options = new { permissionMode = "whatever" } })).ReadProblemAsync(HttpStatusCode.BadRequest);
        var notJson = await (await http.PostAsync("api/sessions", new StringContent("{ not json", Encoding.UTF8, "application/json"))).ReadProblemAsync(HttpStatusCode.BadRequest);
        var plainText = await (await http.PostAsync("api/sessions", new StringContent("""{"name":"plain"}""", Encoding.UTF8, "text/plain")))
            .ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("control character", badName.GetProperty("detail").GetString());
        Assert.Contains("control character", badRouteName.GetProperty("detail").GetString());
        Assert.Contains("MaxTurns", badOptions.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(badEnum.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrEmpty(notJson.GetProperty("detail").GetString()));
        Assert.Equal("Unsupported Media Type", plainText.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_empty_prompt_gets_400_and_a_body_over_the_limit_gets_413()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-limits");

        var empty = await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = " " })).ReadProblemAsync(HttpStatusCode.BadRequest);
        var huge = await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = new string('x', LoopbackWebHost.MaxRequestBodyBytes + 1) }))
            .ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("Prompt", empty.GetProperty("detail").GetString());
        Assert.Contains("MaxRequestBodyBytes", huge.GetProperty("detail").GetString());
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task Starting_a_name_again_with_other_options_gets_409_unless_replaced()
    {
        using var http = host.CreateHttpClient();
        var name = UniqueName.For("web-conflict");
        (await http.PostJsonAsync("api/sessions", new { name, options = new { model = "claude-a" } })).EnsureSuccessStatusCode();

        var conflict = await (await http.PostJsonAsync("api/sessions", new { name, options = new { model = "claude-b" } })).ReadProblemAsync(HttpStatusCode.Conflict);
        var replaced = await http.PostJsonAsync("api/sessions", new { name, options = new { model = "claude-b" }, replace = true });

        Assert.Equal("Conflict", conflict.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task Asking_an_unregistered_session_in_strict_mode_gets_404()
    {
        using var http = host.CreateHttpClient();

        var problem = await (await http.PostJsonAsync(WebJson.SessionPath(UniqueName.For("web-unregistered"), "query"), new { prompt = "anyone?" }))
            .ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("SessionNotFound", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_query_over_its_timeout_gets_504()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-timeout");

        var problem = await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "never answers [hang]", timeout = "00:00:02" }))
            .ReadProblemAsync(HttpStatusCode.GatewayTimeout);

        Assert.Equal("Timeout", problem.GetProperty("code").GetString());
        Assert.Equal(name, problem.GetProperty("session").GetString());
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task A_CLI_that_dies_mid_query_gets_502()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-crash");
        var marker = Guid.NewGuid().ToString("N");

        var query = http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = $"{marker} [hang]" });
        await host.Api.WaitForRequestAsync(r => r.LastUserText.Contains(marker), Patience);
        await http.KillSessionCliAsync(name);
        var problem = await (await query).ReadProblemAsync(HttpStatusCode.BadGateway);

        Assert.Equal("CliExited", problem.GetProperty("code").GetString());
        await http.DeleteAsync(WebJson.SessionPath(name));
    }

    [Fact]
    public async Task A_query_that_finds_every_process_slot_busy_gets_503()
    {
        using var http = host.CreateHttpClient();
        var busy = new[] { await http.StartSessionAsync("web-busy"), await http.StartSessionAsync("web-busy") };
        var marker = Guid.NewGuid().ToString("N");
        var hanging = busy.Select(name => http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = $"{marker} {name} [hang]" })).ToArray();
        foreach (var name in busy)
        {
            await host.Api.WaitForRequestAsync(r => r.LastUserText.Contains(marker) && r.LastUserText.Contains(name), Patience);
        }

        var third = await http.StartSessionAsync("web-third");
        var problem = await (await http.PostJsonAsync(WebJson.SessionPath(third, "query"), new { prompt = "room for me?" })).ReadProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal("Capacity", problem.GetProperty("code").GetString());
        foreach (var name in busy)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(WebJson.SessionPath(name, "interrupt"), null)).StatusCode);
        }

        await Task.WhenAll(hanging);
        foreach (var name in busy.Append(third))
        {
            await http.DeleteAsync(WebJson.SessionPath(name));
        }
    }
}
