namespace ClaudeGrains.Grains.Management;

/// <summary>One registered session.</summary>
[GenerateSerializer]
public sealed class SessionRegistration
{
    /// <summary>The options it was started with (<see langword="null"/>: defaults, registered by use).</summary>
    [Id(0)] public SessionOptions? Options { get; set; }

    /// <summary>When it was registered.</summary>
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The options <c>ClaudeGrains:Sessions</c> last applied (<see langword="null"/>: none, or registered before this
    /// was kept), so that a silo start re-applies the configuration only when it has changed.
    /// </summary>
    [Id(2)] public SessionOptions? ConfiguredOptions { get; set; }
}
