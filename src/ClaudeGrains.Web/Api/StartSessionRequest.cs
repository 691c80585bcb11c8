namespace ClaudeGrains.Web.Api;

/// <summary>The body of <c>POST /api/sessions</c>.</summary>
public sealed record StartSessionRequest
{
    /// <summary>The session name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The session's options; the silo's defaults when omitted.</summary>
    public SessionOptions? Options { get; init; }

    /// <summary>Replace the options of an existing session instead of answering 409.</summary>
    public bool Replace { get; init; }

    /// <summary>Start the CLI process now instead of on the first query.</summary>
    public bool Warm { get; init; }
}
