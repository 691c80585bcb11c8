namespace ClaudeGrains;

/// <summary>
/// The cluster-wide registry and control point of sessions (admin tools, dashboards). Reach it with
/// <c>GetGrain&lt;IClaudeSessionManagerGrain&gt;(ClaudeSessionManager.Key)</c>. Queries never go through it.
/// </summary>
public interface IClaudeSessionManagerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers session <paramref name="name"/> with <paramref name="sessionOptions"/> and applies them. Starting a
    /// name that exists with other options (a session registered by use has the silo's defaults) fails unless
    /// <paramref name="replace"/> is set; the same options again are a no-op.
    /// </summary>
    /// <param name="name">The session name.</param>
    /// <param name="sessionOptions">
    /// The session's options, taken whole (a field left unset is the CLI's default); <see langword="null"/> for the
    /// silo's defaults: its <c>ClaudeGrains:Sessions</c> entry for the name, if any, over <c>ClaudeGrains:Defaults</c>.
    /// </param>
    /// <param name="replace">Replace the options of an existing session (its process restarts, its conversation is kept).</param>
    /// <param name="warm">Start the CLI process now instead of on the first query.</param>
    /// <exception cref="ArgumentException">Invalid name or options.</exception>
    /// <exception cref="ClaudeSessionException">With <see cref="ClaudeErrorCode.Conflict"/> when the name exists with other options.</exception>
    [ResponseTimeout(ClaudeResponseTimeouts.WaitsForTheCli)]
    Task<SessionInfo> StartSessionAsync(string name, SessionOptions? sessionOptions, bool replace = false, bool warm = false);

    /// <summary>Stops the session's process, clears its state and removes it from the registry.</summary>
    /// <returns>Whether the session was registered (false: not found).</returns>
    Task<bool> TerminateSessionAsync(string name);

    /// <summary>Gives the session a fresh process and a fresh conversation.</summary>
    /// <returns>Whether the session was registered (false: not found).</returns>
    Task<bool> RestartSessionAsync(string name);

    /// <summary>One page of sessions, on every silo, with their live state.</summary>
    Task<SessionPage> ListSessionsAsync(SessionFilter filter);

    /// <summary>How many sessions there are, and in which states.</summary>
    Task<SessionCounts> CountSessionsAsync();

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    Task<bool> IsRegisteredAsync(string name);
}
