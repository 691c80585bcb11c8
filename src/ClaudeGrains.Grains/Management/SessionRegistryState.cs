namespace ClaudeGrains.Grains.Management;

/// <summary>The persisted registry of the session manager.</summary>
[GenerateSerializer]
public sealed class SessionRegistryState
{
    /// <summary>Registered sessions by name.</summary>
    [Id(0)] public Dictionary<string, SessionRegistration> Sessions { get; set; } = new(StringComparer.Ordinal);
}
