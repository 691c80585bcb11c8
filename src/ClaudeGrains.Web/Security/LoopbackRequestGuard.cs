using ClaudeGrains.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Web.Security;

/// <summary>
/// Without an admin token every caller of the loopback-only web front is the local operator, so a web page the
/// operator's browser opens must not be able to call it: a request addressed to a name other than localhost or a
/// loopback address (DNS rebinding: a site that resolves its own name to 127.0.0.1), or sent by a page of another
/// origin (a cross-site form posting to a restart), is refused with 403. Tools and the UI's own pages are unaffected.
/// </summary>
internal sealed class LoopbackRequestGuard(RequestDelegate next, ILogger<LoopbackRequestGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        var origin = context.Request.Headers.Origin.ToString();
        var refused = host.HasValue && !ListenAddresses.IsLoopbackHost(host.Host) ? $"addressed to '{host.Host}'"
            : origin.Length > 0 && !IsLoopbackOrigin(origin) ? $"sent by a page of '{origin}'"
            : null;
        if (refused is null)
        {
            await next(context);
            return;
        }

        logger.LogWarning("Refused {Method} {Path} {Why}: without an admin token only loopback requests are answered", context.Request.Method, context.Request.Path, refused);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: $"This request was {refused}. Without an admin token (ClaudeGrains:Web:AdminToken) the web front answers only " +
                "requests addressed to localhost, 127.0.0.1 or [::1] and sent by its own pages.").ExecuteAsync(context);
    }

    private static bool IsLoopbackOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && ListenAddresses.IsLoopbackHost(uri.Host);
}
