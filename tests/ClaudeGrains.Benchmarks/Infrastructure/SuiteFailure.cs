namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// The suite that failed or was interrupted, why, and the suites after it that did not run: what makes a report
/// incomplete.
/// </summary>
internal sealed record SuiteFailure(string Suite, string Error, IReadOnlyList<string> NotRun, bool Interrupted = false)
{
    /// <summary>The run was stopped by <paramref name="signal"/> while <paramref name="suite"/> ran.</summary>
    public static SuiteFailure ByInterrupt(string suite, string signal, IReadOnlyList<string> notRun) => new(suite, signal, notRun, Interrupted: true);

    /// <summary>One line for the markdown report (the full exception goes to stderr).</summary>
    public string Describe()
    {
        var reason = Error.Split('\n', 2)[0].TrimEnd('\r');
        var rest = NotRun.Count == 0 ? "" : $"; not run: {string.Join(", ", NotRun)}";
        return Interrupted
            ? $"**Incomplete:** interrupted by {reason} during suite '{Suite}'{rest}."
            : $"**Incomplete:** suite '{Suite}' failed ({reason}){rest}.";
    }
}
