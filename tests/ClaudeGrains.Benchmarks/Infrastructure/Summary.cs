namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>The distribution of a set of samples: count, median, 90th and 99th percentile.</summary>
internal readonly record struct Summary(int Count, double Median, double P90, double P99)
{
    /// <summary>Summarizes <paramref name="samples"/>; percentiles interpolate linearly between the nearest ranks.</summary>
    public static Summary Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("There are no samples to summarize.", nameof(samples));
        }

        return new Summary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double quantile)
    {
        var rank = quantile * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
