namespace ClaudeGrains.Web.Hosting;

/// <summary>The web front's settings, bound to <c>ClaudeGrains:Web</c>.</summary>
public sealed class ClaudeGrainsWebOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ClaudeGrains:Web";

    /// <summary>Where the web front listens when no <c>urls</c> are configured: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>
    /// The admin token. When set, every <c>/api</c> call, the dashboard and the metrics scrape require
    /// <c>Authorization: Bearer &lt;token&gt;</c>. Required when the web front listens on anything but loopback.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>Largest request body accepted, in bytes (larger ones get 413). Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How often an idle server-sent-event stream gets a comment line, so dead clients are noticed.</summary>
    public TimeSpan EventStreamKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The most events of a session held for one <c>/events</c> watcher that reads slower than the session writes.
    /// Past it the watcher gets the events held so far, then an <c>error</c> event (code
    /// <c>EventStreamOverflow</c>), and its stream ends; it may reconnect. Bounds what a slow client costs the silo.
    /// </summary>
    public int EventStreamMaxPendingEvents { get; set; } = 10_000;

    /// <summary>The least <see cref="EventStreamMaxPendingEvents"/> accepted: a stream batch brings up to a few hundred at once.</summary>
    public const int MinEventStreamPendingEvents = 1_000;

    /// <summary>An OTLP endpoint (e.g. <c>http://collector:4317</c>) to export metrics to; none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Whether <c>/metrics</c> serves the metrics in the Prometheus text format.</summary>
    public bool PrometheusEndpoint { get; set; } = true;

    /// <summary>Whether the Orleans dashboard is served at <c>/dashboard</c>.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>How long a successful CLI readiness check is trusted before the CLI is run again.</summary>
    public TimeSpan CliCheckCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
