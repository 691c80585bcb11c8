namespace ClaudeGrains.Web.Api;

/// <summary>The body of <c>POST /api/sessions/{name}/query</c> and <c>/stream</c>.</summary>
public sealed record QueryRequest
{
    /// <summary>The prompt.</summary>
    public string Prompt { get; init; } = "";

    /// <summary>This query's timeout (e.g. <c>"00:01:00"</c>); the session's or the silo's default when omitted.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>This query's inactivity timeout; the session's or the silo's default when omitted.</summary>
    public TimeSpan? InactivityTimeout { get; init; }

    /// <summary>The grain-call options.</summary>
    public QueryOptions ToQueryOptions() => new() { Timeout = Timeout, InactivityTimeout = InactivityTimeout };
}
