namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// The web front bound to loopback without an admin token (the default deployment), in strict mode (sessions must be
/// started first) and with a budget of two CLI processes and no waiting starts, so that a third busy session meets a
/// full budget at once.
/// </summary>
public sealed class LoopbackWebHost : WebHostFixture
{
    public const int MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Short, so that a test sees a silent event stream's keep-alives within seconds.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(1);

    /// <summary>The least allowed, so that a client that stops reading overflows after a few answers.</summary>
    public const int EventStreamMaxPendingEvents = ClaudeGrains.Web.Hosting.ClaudeGrainsWebOptions.MinEventStreamPendingEvents;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ClaudeGrains:Web:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString();
        settings["ClaudeGrains:RequireRegistration"] = "true";
        settings["ClaudeGrains:Supervision:MaxLiveProcesses"] = "2";
        settings["ClaudeGrains:Supervision:MaxWaitingStarts"] = "0";
        settings["ClaudeGrains:Web:EventStreamKeepAlive"] = KeepAlive.ToString();
        settings["ClaudeGrains:Web:EventStreamMaxPendingEvents"] = EventStreamMaxPendingEvents.ToString();
    }
}
