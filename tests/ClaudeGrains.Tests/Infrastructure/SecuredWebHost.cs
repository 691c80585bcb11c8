namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// The web front with an admin token: the API, metrics and dashboard require it. Its CLI path leads nowhere, so its
/// readiness check reports the CLI as the failing part (no test here needs a CLI).
/// </summary>
public sealed class SecuredWebHost : WebHostFixture
{
    public const string Token = "test-admin-token-3d9c51";

    public override string? AdminToken => Token;

    public string MissingCliPath => Path.Combine(DataRoot, "no-such-dir", "claude");

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["ClaudeGrains:Cli:Path"] = MissingCliPath;
}
