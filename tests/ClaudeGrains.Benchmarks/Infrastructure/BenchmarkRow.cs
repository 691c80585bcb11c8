namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// One measured value of a suite: a distribution (median, p90, p99 of <see cref="Count"/> samples) or a single value
/// (in <see cref="Median"/>), optionally compared with the raw floor and checked against the target.
/// </summary>
internal sealed record BenchmarkRow(string Suite, string Measure, string Unit)
{
    public int? Count { get; init; }

    public double Median { get; init; }

    public double? P90 { get; init; }

    public double? P99 { get; init; }

    /// <summary>This row's median divided by the raw floor's median, when the suite compares with one.</summary>
    public double? VsRaw { get; init; }

    /// <summary>The target from the issue, in words.</summary>
    public string? Target { get; init; }

    /// <summary>Whether this run met <see cref="Target"/>.</summary>
    public bool? Met { get; init; }

    public static BenchmarkRow Value(string suite, string measure, double value, string unit) =>
        new(suite, measure, unit) { Median = value };

    public static BenchmarkRow Of(string suite, string measure, Summary summary, string unit = "ms") =>
        new(suite, measure, unit) { Count = summary.Count, Median = summary.Median, P90 = summary.P90, P99 = summary.P99 };

    /// <summary>Adds the ratio of the medians to the raw floor's.</summary>
    public BenchmarkRow ComparedWith(Summary raw) => this with { VsRaw = Median / raw.Median };

    /// <summary>Target: the ratio to the raw floor at most <paramref name="maxRatio"/> (latency: lower is better).</summary>
    public BenchmarkRow AtMostTimesRaw(double maxRatio) =>
        this with { Target = $"<= {maxRatio:0.00} x raw", Met = VsRaw <= maxRatio };

    /// <summary>Target: the ratio to the raw floor at least <paramref name="minRatio"/> (throughput: higher is better).</summary>
    public BenchmarkRow AtLeastTimesRaw(double minRatio) =>
        this with { Target = $">= {minRatio:0.00} x raw", Met = VsRaw >= minRatio };

    /// <summary>Target: the median itself at most <paramref name="max"/>.</summary>
    public BenchmarkRow AtMost(double max) => this with { Target = $"<= {max:#,0.##} {Unit}", Met = Median <= max };

    /// <summary>Target: the median itself at least <paramref name="min"/>.</summary>
    public BenchmarkRow AtLeast(double min) => this with { Target = $">= {min:#,0.##} {Unit}", Met = Median >= min };
}
