using ClaudeGrains.Grains.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Web.Api;

/// <summary>
/// Turns every failure of an API call into RFC 7807 problem+json with the status that says what happened, and never
/// a stack trace: bad input 400, body too large 413, unknown session 404, conflict 409, no capacity or faulted 503,
/// timeout 504, CLI failure 502.
/// </summary>
internal sealed class ClaudeProblemExceptionHandler(IProblemDetailsService problems, IOptions<ClaudeGrainsOptions> options, ILogger<ClaudeProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception, options.Value.EffectiveApiKey());
        Log(logger, context, problem, exception);
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// Logs a failure the server answered with a 5xx: an unexpected one (500) with its exception, since the caller was
    /// told only to look in the log and ASP.NET (10) no longer logs what an exception handler has handled; the others
    /// (the CLI failed, no capacity, a timeout) with the detail the caller got.
    /// </summary>
    public static void Log(ILogger logger, HttpContext context, ProblemDetails problem, Exception exception)
    {
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "{Method} {Path} failed unexpectedly", context.Request.Method, context.Request.Path);
        }
        else if (problem.Status >= 500)
        {
            logger.LogWarning("{Method} {Path} failed with {Status}: {Detail}", context.Request.Method, context.Request.Path, problem.Status, problem.Detail);
        }
    }

    /// <summary>The problem for <paramref name="exception"/>; its text never contains <paramref name="apiKey"/>.</summary>
    public static ProblemDetails ToProblem(Exception exception, string? apiKey)
    {
        var (status, title, code) = exception switch
        {
            ClaudeSessionException e => (StatusOf(e.Code), TitleOf(e.Code), e.Code.ToString()),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "Request body too large", null),
            BadHttpRequestException => (400, "Invalid request", null),
            EventStreamOverflowException => (503, "Event stream overflowed", "EventStreamOverflow"),
            ArgumentException => (400, "Invalid request", null),
            OperationCanceledException => (499, "Cancelled", null),
            _ => (500, "Unexpected error", null),
        };

        // An unexpected exception's message may say more about the server than a caller should learn.
        var detail = status == 500 ? "The server failed unexpectedly; its log has the details." : Redact(exception.Message, apiKey);
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        if (exception is ClaudeSessionException { SessionName: { } session })
        {
            problem.Extensions["session"] = session;
        }

        return problem;
    }

    private static int StatusOf(ClaudeErrorCode code) => code switch
    {
        ClaudeErrorCode.SessionNotFound => StatusCodes.Status404NotFound,
        ClaudeErrorCode.Conflict or ClaudeErrorCode.Terminated => StatusCodes.Status409Conflict,
        ClaudeErrorCode.Capacity or ClaudeErrorCode.Faulted or ClaudeErrorCode.Cancelled => StatusCodes.Status503ServiceUnavailable,
        ClaudeErrorCode.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status502BadGateway,
    };

    private static string TitleOf(ClaudeErrorCode code) => code switch
    {
        ClaudeErrorCode.SessionNotFound => "Session not found",
        ClaudeErrorCode.Conflict => "Session exists with other options",
        ClaudeErrorCode.Terminated => "Session terminated",
        ClaudeErrorCode.Capacity => "No capacity for another CLI process",
        ClaudeErrorCode.Faulted => "Session faulted",
        ClaudeErrorCode.Cancelled => "Query cancelled by the silo",
        ClaudeErrorCode.Timeout => "Query timed out",
        _ => "The Claude Code CLI failed",
    };

    private static string Redact(string text, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? text : text.Replace(apiKey, "[redacted]", StringComparison.Ordinal);
}
