using System.Diagnostics;

namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>
/// Charges the CPU time that given processes spend during each sample to the side that took it. Read from
/// <c>/proc</c> in 10 ms ticks, so only sums over many samples mean anything; the reads happen outside the timed code.
/// </summary>
internal sealed class CpuAccount(IReadOnlyDictionary<string, int> processes)
{
    private readonly Dictionary<(string Side, string Process), double> _seconds = [];
    private readonly Dictionary<string, int> _samples = [];
    private readonly Dictionary<string, double> _idlePerSecond = [];
    private double _wallSeconds;

    /// <summary>Measures how much CPU <paramref name="process"/> uses per second while nothing is asked of it.</summary>
    public async Task MeasureIdleAsync(string process, TimeSpan window)
    {
        var before = ProcessTree.CpuSecondsOf(processes[process]);
        await Task.Delay(window);
        _idlePerSecond[process] = (ProcessTree.CpuSecondsOf(processes[process]) - before) / window.TotalSeconds;
    }

    /// <summary>
    /// Wraps <paramref name="measure"/> so that its CPU use is charged to <paramref name="side"/>, from sample
    /// <paramref name="from"/> on (the warm-ups before it are not charged).
    /// </summary>
    public Func<int, Task<T>> Charging<T>(string side, Func<int, Task<T>> measure, int from = 0) => async i =>
    {
        if (i < from)
        {
            return await measure(i);
        }

        var before = processes.ToDictionary(p => p.Key, p => ProcessTree.CpuSecondsOf(p.Value));
        var start = Stopwatch.GetTimestamp();
        var sample = await measure(i);
        _wallSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
        foreach (var (name, pid) in processes)
        {
            _seconds[(side, name)] = _seconds.GetValueOrDefault((side, name)) + ProcessTree.CpuSecondsOf(pid) - before[name];
        }

        _samples[side] = _samples.GetValueOrDefault(side) + 1;
        return sample;
    };

    /// <summary>Milliseconds of CPU that <paramref name="process"/> spent per sample of <paramref name="side"/>.</summary>
    public double PerSampleMs(string side, string process) => _seconds.GetValueOrDefault((side, process)) * 1000 / _samples[side];

    /// <summary>
    /// Milliseconds of CPU per sample of <paramref name="side"/> that <paramref name="process"/> spent over the whole
    /// run, whichever side was sampled meanwhile, less its idle use: what one of those samples costs it, including
    /// work it finishes after the sample (requires <see cref="MeasureIdleAsync"/>).
    /// </summary>
    public double AllWorkPerSampleMs(string side, string process)
    {
        var total = _seconds.Where(s => s.Key.Process == process).Sum(s => s.Value) - _idlePerSecond[process] * _wallSeconds;
        return total * 1000 / _samples[side];
    }
}
