namespace ClaudeGrains;

/// <summary>A session could not answer a query; <see cref="Code"/> says why.</summary>
[GenerateSerializer]
public sealed class ClaudeSessionException : Exception
{
    /// <summary>Creates the exception. Keep <paramref name="innerException"/> to types every client can deserialize.</summary>
    public ClaudeSessionException(ClaudeErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>What went wrong.</summary>
    [Id(0)] public ClaudeErrorCode Code { get; }

    /// <summary>The session the failure belongs to, when known.</summary>
    [Id(1)] public string? SessionName { get; init; }
}
