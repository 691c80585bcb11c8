using System.Text.Json;
using ClaudeGrains.Admin;
using ClaudeGrains.Testing;
using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Management;

/// <summary>
/// Two real silo processes clustered through Redis, driven by the admin tool over Redis membership: the sessions of
/// a silo that left still appear, with their state, served by the silo that remains.
/// </summary>
public sealed class RedisClusteredHostTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dataRoot = Directory.CreateTempSubdirectory("claudegrains-hosts-");
    private readonly string _clusterId = $"hosts-{Guid.NewGuid():N}";
    private readonly List<SiloProcess> _silos = [];
    private RedisServer _redis = null!;
    private FakeAnthropicApi _api = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _api = await FakeAnthropicApi.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            _silos.Add(await SiloProcess.StartAsync(new Dictionary<string, string>
            {
                ["ClaudeGrains:Clustering:Provider"] = "Redis",
                ["ClaudeGrains:Clustering:RedisConnectionString"] = _redis.ConnectionString,
                ["ClaudeGrains:Clustering:ClusterId"] = _clusterId,
                ["ClaudeGrains:Storage:Provider"] = "Redis",
                ["ClaudeGrains:Storage:RedisConnectionString"] = _redis.ConnectionString,
                ["ClaudeGrains:DataRoot"] = Path.Combine(_dataRoot.FullName, $"silo{i}"),
                ["ClaudeGrains:BaseUrl"] = _api.BaseUrl.ToString().TrimEnd('/'),
                ["ClaudeGrains:ApiKey"] = ClusterFixture.TestApiKey,
                ["ClaudeGrains:Cli:Path"] = RepositoryPaths.FaultCli,
            }));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await _api.DisposeAsync();
        await _redis.DisposeAsync();
        _dataRoot.Delete(recursive: true);
    }

    [Fact]
    public async Task The_sessions_of_a_departed_silo_remain_listed_with_their_state()
    {
        var names = Enumerable.Range(0, 6).Select(i => $"hosts/{i}").ToList();
        foreach (var name in names)
        {
            Assert.Equal(ExitCodes.Success, (await ToolAsync("sessions", "start", name, "--warm")).ExitCode);
        }

        var before = await ListAsync();
        var departing = before[0].Silo!;
        var departed = before.Where(s => s.Silo == departing).Select(s => s.Name).ToList();

        // A session's CLI is a child of its silo's process: that is how the silo name maps to a process.
        var hostPid = ProcessProbe.ParentOf(before[0].ProcessId!.Value);
        await _silos.Single(s => s.ProcessId == hostPid).StopAsync();
        var after = await ListAsync();

        Assert.Equal(names, before.Select(s => s.Name));
        Assert.All(before, s => Assert.Equal(SessionState.Ready, s.State));
        Assert.Equal(names, after.Select(s => s.Name));
        Assert.All(after.Where(s => departed.Contains(s.Name)), s => Assert.NotEqual(departing, s.Silo));
        Assert.All(after.Where(s => departed.Contains(s.Name)), s => Assert.Equal(SessionState.Hibernated, s.State));
    }

    private async Task<IReadOnlyList<SessionInfo>> ListAsync()
    {
        var run = await ToolAsync("sessions", "list", "--prefix", "hosts/", "--json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        return JsonSerializer.Deserialize<SessionPage>(run.Out, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } })!.Sessions;
    }

    private Task<AdminRun> ToolAsync(params string[] args) =>
        AdminRun.RunAsync(["--redis", _redis.ConnectionString, "--cluster-id", _clusterId], args);
}
