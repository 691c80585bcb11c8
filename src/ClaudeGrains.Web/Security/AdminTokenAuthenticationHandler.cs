using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ClaudeGrains.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Web.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;admin token&gt;</c>. Without a configured token (a loopback-only web
/// front) every caller is the local operator.
/// </summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptions<ClaudeGrainsWebOptions> webOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    private readonly byte[]? _token = string.IsNullOrEmpty(webOptions.Value.AdminToken) ? null : Encoding.UTF8.GetBytes(webOptions.Value.AdminToken);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (_token is null)
        {
            return Task.FromResult(Success("local-operator"));
        }

        var presented = BearerToken() ?? DashboardCookie();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Constant time, so the token cannot be guessed byte by byte from response times.
        return Task.FromResult(CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token)
            ? Success("admin")
            : AuthenticateResult.Fail("The admin token is wrong."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "This endpoint requires the admin token: send 'Authorization: Bearer <token>' (ClaudeGrains:Web:AdminToken).").ExecuteAsync(Context);
    }

    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private string? DashboardCookie() =>
        HttpMethods.IsGet(Request.Method) && Request.Path.StartsWithSegments("/dashboard")
            ? Request.Cookies[AdminTokenDefaults.DashboardCookie]
            : null;

    private AuthenticateResult Success(string name) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], Scheme.Name)), Scheme.Name));
}
