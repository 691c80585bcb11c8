namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// Charges the CPU time that given processes spend during each sample to the side that took it. Read from
/// <c>/proc</c> in 10 ms ticks, so only sums over many samples mean anything; the reads happen outside the timed code.
/// </summary>
internal sealed class CpuAccount(IReadOnlyDictionary<string, int> processes)
{
    private readonly Dictionary<(string Side, string Process), double> _seconds = [];
    private readonly Dictionary<string, int> _samples = [];

    /// <summary>Wraps <paramref name="measure"/> so that its CPU use is charged to <paramref name="side"/>.</summary>
    public Func<int, Task<T>> Charging<T>(string side, Func<int, Task<T>> measure) => async i =>
    {
        var before = processes.ToDictionary(p => p.Key, p => ProcessTree.CpuSecondsOf(p.Value));
        var sample = await measure(i);
        foreach (var (name, pid) in processes)
        {
            _seconds[(side, name)] = _seconds.GetValueOrDefault((side, name)) + ProcessTree.CpuSecondsOf(pid) - before[name];
        }

        _samples[side] = _samples.GetValueOrDefault(side) + 1;
        return sample;
    };

    /// <summary>Milliseconds of CPU that <paramref name="process"/> spent per sample of <paramref name="side"/>.</summary>
    public double PerSampleMs(string side, string process) => _seconds.GetValueOrDefault((side, process)) * 1000 / _samples[side];
}
