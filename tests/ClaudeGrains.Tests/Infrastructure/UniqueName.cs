namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Session names no other test uses, so tests sharing a cluster never meet.</summary>
public static class UniqueName
{
    public static string For(string prefix) => $"{prefix}/{Guid.NewGuid():N}";
}
