using System.Globalization;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>A <see cref="WarmPoolCluster"/> whose pooled processes warm up by counting their context (<c>WarmPool:WarmUp</c> = <c>ContextUsage</c>).</summary>
public class WarmUpPoolCluster : WarmPoolCluster
{
    /// <summary>
    /// Long enough that a new session's cold start (a second or two here) ends well within it, so a test can see a
    /// process still warming up after such a start.
    /// </summary>
    public static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(10);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["ClaudeGrains:WarmPool:WarmUp"] = "ContextUsage";
        settings["ClaudeGrains:WarmPool:WarmUpTimeout"] = WarmUpTimeout.ToString("c", CultureInfo.InvariantCulture);
    }
}
