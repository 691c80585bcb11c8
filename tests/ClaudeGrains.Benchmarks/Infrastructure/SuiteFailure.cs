namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>The suite that failed a run, why, and the suites after it that did not run: what makes a report incomplete.</summary>
internal sealed record SuiteFailure(string Suite, string Error, IReadOnlyList<string> NotRun)
{
    /// <summary>One line for the markdown report (the full exception goes to stderr).</summary>
    public string Describe()
    {
        var reason = Error.Split('\n', 2)[0].TrimEnd('\r');
        var rest = NotRun.Count == 0 ? "" : $"; not run: {string.Join(", ", NotRun)}";
        return $"**Incomplete:** suite '{Suite}' failed ({reason}){rest}.";
    }
}
