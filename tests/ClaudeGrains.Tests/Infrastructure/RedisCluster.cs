namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>A cluster (real CLI) whose session state lives in a real Redis server.</summary>
public sealed class RedisCluster : ClusterFixture
{
    /// <summary>A session of the silo's configuration, registered again at every silo start.</summary>
    public const string ConfiguredSession = "configured/persisted";

    public RedisServer Redis { get; private set; } = null!;

    protected override async Task StartDependenciesAsync() => Redis = await RedisServer.StartAsync();

    protected override async Task StopDependenciesAsync() => await Redis.DisposeAsync();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ClaudeGrains:Storage:Provider"] = "Redis";
        settings["ClaudeGrains:Storage:RedisConnectionString"] = Redis.ConnectionString;
        settings[$"ClaudeGrains:Sessions:{ConfiguredSession}:Model"] = "claude-from-configuration";
    }
}
