using System.Net;
using System.Net.Http.Json;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>
/// A failure nobody foresaw (here: the storage went away) gets a 500 that tells the caller nothing of the server but
/// to look in its log, and the log has the exception.
/// </summary>
public sealed class UnexpectedErrorTests : IAsyncLifetime
{
    private readonly SiloHosts _hosts = new("unexpected");
    private RedisServer? _redis;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_unexpected_failure_answers_500_without_internals_and_logs_its_exception()
    {
        var (silo, web) = await _hosts.StartAsync(new()
        {
            ["ClaudeGrains:Storage:Provider"] = "Redis",
            ["ClaudeGrains:Storage:RedisConnectionString"] = _redis!.ConnectionString,
        });
        using var http = new HttpClient { BaseAddress = web };
        await _redis.DisposeAsync(); // the silo's state storage is gone
        _redis = null;

        var response = await http.PostAsJsonAsync("api/sessions", new { name = $"unexpected-{Guid.NewGuid():N}" });
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        await silo.StopAsync(); // its log is complete once it has exited
        var logged = silo.Output.Where(line => line.Contains("ClaudeProblemExceptionHandler", StringComparison.Ordinal)).ToList();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("The server failed unexpectedly; its log has the details.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("Redis", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // The web front's own entry for the failure carries the exception (the storage's, which mentions Redis).
        var entry = Assert.Single(logged);
        Assert.Contains("POST /api/sessions failed unexpectedly", entry);
        Assert.Contains("Redis", entry);
    }
}
