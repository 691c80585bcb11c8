namespace ClaudeGrains;

/// <summary>What went wrong, for a <see cref="ClaudeSessionException"/>.</summary>
[GenerateSerializer]
public enum ClaudeErrorCode
{
    /// <summary>The <c>claude</c> executable was not found.</summary>
    CliNotFound = 1,

    /// <summary>The CLI process could not be started.</summary>
    CliStartFailed = 2,

    /// <summary>The CLI process exited while a query ran.</summary>
    CliExited = 3,

    /// <summary>The CLI wrote a line longer than the configured maximum.</summary>
    OutputTooLarge = 4,

    /// <summary>The query ran longer than its timeout.</summary>
    Timeout = 5,

    /// <summary>The query was cancelled by its caller.</summary>
    Cancelled = 6,

    /// <summary>No capacity for another CLI process.</summary>
    Capacity = 7,

    /// <summary>The session failed too often and is faulted.</summary>
    Faulted = 8,

    /// <summary>The session is not registered (strict mode).</summary>
    SessionNotFound = 9,

    /// <summary>The CLI broke its protocol.</summary>
    ProtocolError = 10,

    /// <summary>The session exists with other options (start without replace).</summary>
    Conflict = 11,

    /// <summary>The session was terminated.</summary>
    Terminated = 12,
}
