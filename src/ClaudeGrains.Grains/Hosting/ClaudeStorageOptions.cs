namespace ClaudeGrains.Grains.Hosting;

/// <summary>Where session state lives (configuration <c>ClaudeGrains:Storage</c>).</summary>
public sealed class ClaudeStorageOptions
{
    /// <summary>The in-memory provider: state lives as long as the cluster.</summary>
    public const string Memory = "Memory";

    /// <summary>The Redis provider: state survives silo and cluster restarts.</summary>
    public const string Redis = "Redis";

    /// <summary><see cref="Memory"/> (default) or <see cref="Redis"/>.</summary>
    public string Provider { get; set; } = Memory;

    /// <summary>StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>; required for <see cref="Redis"/>.</summary>
    public string? RedisConnectionString { get; set; }
}
