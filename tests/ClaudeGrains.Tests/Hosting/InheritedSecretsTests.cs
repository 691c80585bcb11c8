using System.Net;
using System.Net.Http.Json;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Hosting;

/// <summary>
/// Credentials the silo host's own environment passes down to its CLIs (a gateway's auth token, an OAuth token) are
/// kept out of errors, session state and the host's log, like the API key it sets itself.
/// </summary>
public sealed class InheritedSecretsTests : IAsyncLifetime
{
    private const string AuthToken = "inherited-auth-token-6f1d2c9e";
    private const string OAuthToken = "inherited-oauth-token-0b7a4e31";
    private readonly SiloHosts _hosts = new("secrets");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Tokens_a_cli_inherits_from_the_host_are_redacted_from_errors_state_and_logs()
    {
        var (silo, web) = await _hosts.StartAsync([], new Dictionary<string, string>
        {
            ["ANTHROPIC_AUTH_TOKEN"] = AuthToken,
            ["CLAUDE_CODE_OAUTH_TOKEN"] = OAuthToken,
        });
        using var http = new HttpClient { BaseAddress = web };
        var name = $"secrets-{Guid.NewGuid():N}";

        // The fault CLI prints its credentials on stderr and, as a line that is not stream-json, on stdout, then dies.
        var response = await http.PostAsJsonAsync($"api/sessions/{name}/query", new { prompt = "dump your environment [leak-key]" });
        var error = await response.Content.ReadAsStringAsync();
        var status = await http.GetStringAsync($"api/sessions/{name}");
        await silo.StopAsync(); // its log is complete once it has exited
        var log = string.Join('\n', silo.Output);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("ANTHROPIC_AUTH_TOKEN=[redacted] CLAUDE_CODE_OAUTH_TOKEN=[redacted]", error);
        Assert.Contains("ANTHROPIC_AUTH_TOKEN=[redacted] CLAUDE_CODE_OAUTH_TOKEN=[redacted]", status);
        Assert.Contains("fault-cli environment: ANTHROPIC_API_KEY=", log);
        foreach (var (what, text) in new[] { ("error", error), ("status", status), ("log", log) })
        {
            Assert.False(text.Contains(AuthToken, StringComparison.Ordinal), $"the {what} quotes the inherited auth token");
            Assert.False(text.Contains(OAuthToken, StringComparison.Ordinal), $"the {what} quotes the inherited OAuth token");
        }
    }
}
