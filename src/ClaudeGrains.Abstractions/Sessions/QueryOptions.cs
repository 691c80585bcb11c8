namespace ClaudeGrains;

/// <summary>Per-call overrides of a session's query settings.</summary>
[GenerateSerializer, Immutable]
public sealed record QueryOptions
{
    /// <summary>Longest this query may run; overrides <see cref="SessionOptions.QueryTimeout"/>.</summary>
    [Id(0)] public TimeSpan? Timeout { get; init; }

    /// <summary>Longest the CLI may stay silent during this query; overrides <see cref="SessionOptions.InactivityTimeout"/>.</summary>
    [Id(1)] public TimeSpan? InactivityTimeout { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        var error = SessionOptionsValidator.Duration(nameof(Timeout), Timeout) ?? SessionOptionsValidator.Duration(nameof(InactivityTimeout), InactivityTimeout);
        if (error is not null)
        {
            throw new ArgumentException(error.Value.Message, error.Value.Field);
        }
    }
}
