namespace ClaudeGrains.Grains.Hosting;

/// <summary>Silo-wide ClaudeGrains settings (configuration section <see cref="SectionName"/>).</summary>
public sealed class ClaudeGrainsOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "ClaudeGrains";

    /// <summary>
    /// The Anthropic API key given to every CLI process. Falls back to <c>ANTHROPIC_API_KEY</c> in
    /// <see cref="ClaudeCliHostOptions.Environment"/>, then to the host's own. An empty string means no key at all
    /// (the CLI then reports that it is not logged in). The key is passed only through the child's environment:
    /// never logged, stored or returned.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The Anthropic API base URL (e.g. a proxy or a test fake). Falls back to <c>ANTHROPIC_BASE_URL</c> in
    /// <see cref="ClaudeCliHostOptions.Environment"/>, then to the host's own.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Root of the silo's files: each silo keeps the CLI's config and transcripts (<c>CLAUDE_CONFIG_DIR</c>) and
    /// the default working directory under <c>{DataRoot}/{silo name}</c>. Default: <c>.data</c> in the current directory.
    /// </summary>
    public string DataRoot { get; set; } = ".data";

    /// <summary>Longest a query may run when its session sets no <see cref="SessionOptions.QueryTimeout"/>. Default 10 min.</summary>
    public TimeSpan DefaultQueryTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Strict mode: a session must have been started through the session manager (or be defined in
    /// <see cref="Sessions"/>); queries to any other name fail with <see cref="ClaudeErrorCode.SessionNotFound"/>.
    /// Off by default: any name works with the default options and registers itself on first use.
    /// </summary>
    public bool RequireRegistration { get; set; }

    /// <summary>Where session state is stored.</summary>
    public ClaudeStorageOptions Storage { get; set; } = new();

    /// <summary>Restart, fault and hibernation settings.</summary>
    public Supervision.SupervisionOptions Supervision { get; set; } = new();

    /// <summary>CLI process settings.</summary>
    public ClaudeCliHostOptions Cli { get; set; } = new();

    /// <summary>How session events are delivered on their streams.</summary>
    public ClaudeStreamOptions Streams { get; set; } = new();

    /// <summary>The pool of pre-started CLI processes that new sessions take instead of starting their own.</summary>
    public Processes.WarmPoolOptions WarmPool { get; set; } = new();

    /// <summary>Options applied to sessions that have none of their own.</summary>
    public SessionOptions? Defaults { get; set; }

    /// <summary>Named sessions and their options; a session named here starts with these options.</summary>
    public Dictionary<string, SessionOptions> Sessions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The API key every CLI process gets (see <see cref="ApiKey"/>); <see langword="null"/> for none.</summary>
    public string? EffectiveApiKey() => NullIfEmpty(Resolve(ApiKey, "ANTHROPIC_API_KEY"));

    /// <summary>The API base URL every CLI process gets (see <see cref="BaseUrl"/>); <see langword="null"/> for the CLI's default.</summary>
    public string? EffectiveBaseUrl() => NullIfEmpty(Resolve(BaseUrl, "ANTHROPIC_BASE_URL"));

    /// <summary>
    /// Why this host's CLI would refuse <paramref name="options"/> at every start, or <see langword="null"/>: it
    /// refuses <see cref="PermissionMode.BypassPermissions"/> to a root user outside a sandbox it is told of
    /// (<c>IS_SANDBOX=1</c>, <c>CLAUDE_CODE_BUBBLEWRAP</c>), and the session would restart until it faulted.
    /// </summary>
    private string? CliRefusal(SessionOptions options) =>
        BypassesPermissions(options) && System.Environment.IsPrivilegedProcess
        && Resolve(null, "IS_SANDBOX") != "1" && string.IsNullOrEmpty(Resolve(null, "CLAUDE_CODE_BUBBLEWRAP"))
            ? $"{nameof(SessionOptions.PermissionMode)} {nameof(PermissionMode.BypassPermissions)} cannot be used: the silo runs as root, where the Claude Code CLI refuses it " +
              $"outside a sandbox. Run the silo as another user, or, if it runs in a sandbox (a container), set {SectionName}:Cli:Environment:IS_SANDBOX=1."
            : null;

    // The permission mode, or the same asked for in ExtraArgs: the CLI applies its root check to either.
    private static bool BypassesPermissions(SessionOptions options)
    {
        if (options.PermissionMode == PermissionMode.BypassPermissions)
        {
            return true;
        }

        var args = options.ExtraArgs ?? [];
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--dangerously-skip-permissions" or "--permission-mode=bypassPermissions"
                || (args[i] == "--permission-mode" && i + 1 < args.Count && args[i + 1] == "bypassPermissions"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Throws for invalid options (<see cref="SessionOptions.Validate"/>) and for options this host's CLI would refuse
    /// at every start (see <see cref="CliRefusal"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or the CLI would refuse them.</exception>
    public void ValidateSessionOptions(SessionOptions options)
    {
        options.Validate();
        if (CliRefusal(options) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(options));
        }
    }

    private string? Resolve(string? setting, string variable) =>
        setting ?? (Cli.Environment.TryGetValue(variable, out var configured) ? configured : null) ?? System.Environment.GetEnvironmentVariable(variable);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
