namespace ClaudeGrains.Grains.Management;

/// <summary>One registered session.</summary>
[GenerateSerializer]
public sealed class SessionRegistration
{
    /// <summary>The options it was started with (<see langword="null"/>: defaults, registered by use).</summary>
    [Id(0)] public SessionOptions? Options { get; set; }

    /// <summary>When it was registered.</summary>
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
}
