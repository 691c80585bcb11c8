namespace ClaudeGrains.Web.Security;

/// <summary>Names of the admin-token authentication scheme and policy.</summary>
public static class AdminTokenDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "ClaudeGrainsAdminToken";

    /// <summary>The authorization policy every protected endpoint requires.</summary>
    public const string Policy = "ClaudeGrainsAdmin";

    /// <summary>
    /// The cookie the UI sets once the user typed the token, so a plain link to the dashboard works; it is honoured
    /// only for <c>GET</c> requests of the dashboard (mutations always need the header).
    /// </summary>
    public const string DashboardCookie = "claudegrains_token";
}
