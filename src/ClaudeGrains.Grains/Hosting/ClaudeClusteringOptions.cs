namespace ClaudeGrains.Grains.Hosting;

/// <summary>How a silo finds its cluster (configuration <c>ClaudeGrains:Clustering</c>).</summary>
public sealed class ClaudeClusteringOptions
{
    /// <summary>One silo on this machine (the embedded default).</summary>
    public const string Localhost = "Localhost";

    /// <summary>Membership in Redis: any number of silos, and clients that find them through Redis.</summary>
    public const string Redis = "Redis";

    /// <summary><see cref="Localhost"/> (default) or <see cref="Redis"/>.</summary>
    public string Provider { get; set; } = Localhost;

    /// <summary>StackExchange.Redis configuration for <see cref="Redis"/>.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>The cluster id clients must use. Default <c>default</c>.</summary>
    public string ClusterId { get; set; } = "default";

    /// <summary>The service id (stable across deployments; it keys stored state). Default <c>default</c>.</summary>
    public string ServiceId { get; set; } = "default";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// This silo's name; default <c>{machine name}-{SiloPort}</c>. It must stay the same across the silo's restarts:
    /// the silo keeps its CLIs' transcripts (what <c>--resume</c> reads) and finds what a crashed run left behind under
    /// <c>{DataRoot}/{silo name}</c>, and Orleans would otherwise pick a new random name at every start.
    /// </summary>
    public string? SiloName { get; set; }

    /// <summary>The name this silo runs under: <see cref="SiloName"/>, or one derived from the machine and its port.</summary>
    public string EffectiveSiloName() => string.IsNullOrWhiteSpace(SiloName) ? $"{Environment.MachineName}-{SiloPort}" : SiloName;
}
