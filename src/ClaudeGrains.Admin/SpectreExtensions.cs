namespace ClaudeGrains.Admin;

/// <summary>Small helpers for configuring objects inline.</summary>
internal static class SpectreExtensions
{
    public static T Also<T>(this T value, Action<T> configure)
    {
        configure(value);
        return value;
    }
}
