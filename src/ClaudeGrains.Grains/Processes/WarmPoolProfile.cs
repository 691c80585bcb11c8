using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Grains.Sessions;

namespace ClaudeGrains.Grains.Processes;

/// <summary>
/// Which <see cref="SessionOptions"/> a pre-started CLI process can still take, and so which sessions the warm pool
/// serves. This is the one place that decides it; every option falls in exactly one group:
/// <list type="bullet">
/// <item><b>Launch-only</b> (the command line; a session's must equal the pool's): <see cref="SessionOptions.FallbackModel"/>,
/// <see cref="SessionOptions.MaxTurns"/>, <see cref="SessionOptions.MaxBudgetUsd"/>, <see cref="SessionOptions.AllowedTools"/>,
/// <see cref="SessionOptions.DisallowedTools"/>, <see cref="SessionOptions.AdditionalDirectories"/>,
/// <see cref="SessionOptions.WorkingDirectory"/>, <see cref="SessionOptions.McpConfigJson"/>,
/// <see cref="SessionOptions.SettingSources"/>, <see cref="SessionOptions.ExtraArgs"/>, and
/// <see cref="PermissionMode.BypassPermissions"/> (the CLI refuses to switch into it unless launched with it).
/// The CLI has no control request for any of them.</item>
/// <item><b>Applied at hand-over</b> through the control protocol: <see cref="SessionOptions.SystemPrompt"/> and
/// <see cref="SessionOptions.AppendSystemPrompt"/> (<c>initialize</c>, which the CLI takes exactly as the flags),
/// <see cref="SessionOptions.PermissionMode"/> (<c>set_permission_mode</c>) and <see cref="SessionOptions.Model"/>
/// (<c>set_model</c>). Because <c>set_model</c> leaves a <c>/model</c> note in the conversation, pooled processes are
/// launched with the silo default's model and <c>set_model</c> is sent only to sessions that want another.</item>
/// <item><b>Host-only</b>, no bearing on the process: <see cref="SessionOptions.QueryTimeout"/>,
/// <see cref="SessionOptions.InactivityTimeout"/>, <see cref="SessionOptions.IdleTimeout"/>.</item>
/// </list>
/// </summary>
public sealed class WarmPoolProfile
{
    private readonly SessionOptions _launchOnly;

    private WarmPoolProfile(SessionOptions launchOptions)
    {
        LaunchOptions = launchOptions;
        _launchOnly = LaunchOnly(launchOptions);
    }

    /// <summary>The options pooled processes are launched with: the launch-only part of the defaults, and their model.</summary>
    public SessionOptions LaunchOptions { get; }

    /// <summary>The profile of a silo whose <c>ClaudeGrains:Defaults</c> are <paramref name="defaults"/>.</summary>
    public static WarmPoolProfile From(SessionOptions? defaults) =>
        new(LaunchOnly(defaults ?? new SessionOptions()) with { Model = defaults?.Model });

    /// <summary>The launch-only part of <paramref name="options"/>: what only the command line can set.</summary>
    public static SessionOptions LaunchOnly(SessionOptions options) => new()
    {
        FallbackModel = options.FallbackModel,
        MaxTurns = options.MaxTurns,
        MaxBudgetUsd = options.MaxBudgetUsd,
        AllowedTools = options.AllowedTools,
        DisallowedTools = options.DisallowedTools,
        AdditionalDirectories = options.AdditionalDirectories,
        WorkingDirectory = options.WorkingDirectory,
        McpConfigJson = options.McpConfigJson,
        SettingSources = options.SettingSources,
        ExtraArgs = options.ExtraArgs,
        PermissionMode = options.PermissionMode == PermissionMode.BypassPermissions ? PermissionMode.BypassPermissions : null,
    };

    /// <summary>Whether a session with <paramref name="session"/> (its effective options) can take a pooled process.</summary>
    public bool Matches(SessionOptions session) => LaunchOnly(session).Equals(_launchOnly);

    /// <summary>The control requests that give a pooled process the options of <paramref name="session"/>, in order.</summary>
    public IReadOnlyList<CliControlRequest> HandOverRequests(SessionOptions session)
    {
        // initialize always goes first: the SDK handshake, and the CLI takes the system prompt only there.
        var requests = new List<CliControlRequest> { CliControlRequest.Initialize(session.SystemPrompt, session.AppendSystemPrompt) };
        if (session.Model != LaunchOptions.Model)
        {
            requests.Add(CliControlRequest.SetModel(session.Model));
        }

        if (SessionOptionsMapper.ToCliPermissionMode(session.PermissionMode) is { } mode)
        {
            requests.Add(CliControlRequest.SetPermissionMode(mode));
        }

        return requests;
    }
}
