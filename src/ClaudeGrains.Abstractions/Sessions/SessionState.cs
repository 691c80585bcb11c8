namespace ClaudeGrains;

/// <summary>Life-cycle state of a session.</summary>
[GenerateSerializer]
public enum SessionState
{
    /// <summary>No CLI process; the next query starts one (resuming the conversation if there is one).</summary>
    Hibernated = 0,

    /// <summary>The CLI process is starting.</summary>
    Starting = 1,

    /// <summary>The CLI process is live and idle.</summary>
    Ready = 2,

    /// <summary>A query is running.</summary>
    Busy = 3,

    /// <summary>The CLI process failed and is being restarted.</summary>
    Restarting = 4,

    /// <summary>The CLI failed too often; queries fail fast until the session is restarted or reconfigured.</summary>
    Faulted = 5,

    /// <summary>The session was terminated.</summary>
    Terminated = 6,
}
