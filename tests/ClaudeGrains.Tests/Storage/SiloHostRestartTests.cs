using System.Globalization;
using ClaudeGrains.Testing;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Storage;

/// <summary>
/// The silo host, stopped and started again on its data root with Redis storage, goes on with its sessions'
/// conversations: the restarted silo looks for the CLI transcripts that <c>--resume</c> reads where it left them.
/// </summary>
public sealed class SiloHostRestartTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dataRoot = Directory.CreateTempSubdirectory("claudegrains-restart-");
    private FakeAnthropicApi _api = null!;
    private RedisServer _redis = null!;
    private SiloProcess? _silo;

    public async Task InitializeAsync()
    {
        _api = await FakeAnthropicApi.StartAsync();
        _redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await _redis.DisposeAsync();
        await _api.DisposeAsync();
        _dataRoot.Delete(recursive: true);
    }

    [Fact]
    public async Task A_restarted_silo_host_goes_on_with_its_sessions_conversations()
    {
        var name = $"restart-{Guid.NewGuid():N}";
        var settings = TestSiloSettings.Create(_api, _dataRoot.FullName).ToDictionary(s => s.Key, s => s.Value!);
        settings["ClaudeGrains:Cli:Path"] = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "claude");
        settings["ClaudeGrains:Storage:Provider"] = "Redis";
        settings["ClaudeGrains:Storage:RedisConnectionString"] = _redis.ConnectionString;
        // A silo's ports are part of its configuration, the same at every start.
        settings["ClaudeGrains:Clustering:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        settings["ClaudeGrains:Clustering:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);

        var first = await AskAsync(settings, name, "remember me");
        await _silo!.StopAsync();
        await _silo.DisposeAsync();
        var second = await AskAsync(settings, name, "do you remember?");

        Assert.Equal("remember me | 1 messages", first.Text);
        Assert.False(second.ConversationReset, "the restarted silo could not resume the conversation");
        Assert.Equal("do you remember? | 3 messages", second.Text);
        Assert.Equal(first.CliSessionId, second.CliSessionId);
    }

    private async Task<ClaudeResult> AskAsync(Dictionary<string, string> settings, string name, string prompt)
    {
        (_silo, var web) = await SiloProcess.StartWithWebAsync(_dataRoot.FullName, new Dictionary<string, string>(settings));
        using var http = new HttpClient { BaseAddress = web, Timeout = TimeSpan.FromMinutes(2) };
        return await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt })).ReadAsync<ClaudeResult>();
    }
}
