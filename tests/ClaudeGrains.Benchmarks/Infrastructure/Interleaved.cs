namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// Runs the sides of a comparison in turns (A B, then B A, ...) so that drift on a shared, busy machine (other
/// processes, thermal state, a growing conversation) hits every side alike instead of whichever ran last.
/// </summary>
internal static class Interleaved
{
    /// <summary>
    /// Takes <paramref name="warmups"/> discarded and then <paramref name="iterations"/> kept samples of every side.
    /// <paramref name="settle"/>, when given, runs before every sample (e.g. waiting for a silo to go quiet).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, List<T>>> RunAsync<T>(
        IReadOnlyList<Side<T>> sides, int warmups, int iterations, Func<Task>? settle = null)
    {
        var samples = sides.ToDictionary(s => s.Name, _ => new List<T>(iterations));
        for (var i = 0; i < warmups + iterations; i++)
        {
            for (var k = 0; k < sides.Count; k++)
            {
                // Rotating the starting side each round puts every side first (and last) equally often.
                var side = sides[(i + k) % sides.Count];
                if (settle is not null)
                {
                    await settle();
                }

                var sample = await side.Measure(i);
                if (i >= warmups)
                {
                    samples[side.Name].Add(sample);
                }
            }

            Progress.Tick(i + 1, warmups + iterations);
        }

        return samples;
    }
}
