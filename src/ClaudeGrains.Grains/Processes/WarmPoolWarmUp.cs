namespace ClaudeGrains.Grains.Processes;

/// <summary>What a pooled CLI process does, after it has booted, before it counts as ready (<c>ClaudeGrains:WarmPool:WarmUp</c>).</summary>
public enum WarmPoolWarmUp
{
    /// <summary>Nothing: the first turn of the session that takes the process runs all of the CLI's code cold.</summary>
    None = 0,

    /// <summary>
    /// A <c>get_context_usage</c> control request, which has the CLI build its tool definitions and system prompt,
    /// work its first turn would otherwise do cold, so the first turn of the session that takes the process is about
    /// a fifth shorter. The CLI answers it by asking the API's <c>count_tokens</c> endpoint, with the silo's credentials,
    /// about a dozen times per process, and again for every replacement, also while no session runs. Token counting
    /// is free of charge but rate-limited; the conversation is left as it was.
    /// </summary>
    ContextUsage = 1,

    /// <summary>
    /// A <c>reload_plugins</c> control request, which has the CLI load its commands, agents and plugins again: code
    /// its first turn would otherwise run cold, so that turn is about a tenth shorter. It asks nothing of the API
    /// and leaves the conversation as it was, so an idle pool sends nothing to the API. The default.
    /// </summary>
    ReloadPlugins = 2,
}
