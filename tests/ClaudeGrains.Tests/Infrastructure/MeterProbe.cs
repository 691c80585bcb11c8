using System.Diagnostics.Metrics;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// Records every measurement of one meter instance (a single host's, not those of the other hosts in this test
/// process) and lets a test read sums or await one.
/// </summary>
public sealed class MeterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly object _lock = new();
    private readonly List<Measurement> _measurements = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Met)> _waiters = [];

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public MeterProbe(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/> (with <paramref name="tag"/>, if given) so far.</summary>
    public IReadOnlyList<Measurement> Of(string instrument, (string Key, object Value)? tag = null)
    {
        lock (_lock)
        {
            return _measurements.Where(m => m.Instrument == instrument && (tag is not { } t || Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).ToList();
        }
    }

    /// <summary>The sum of the measurements of <paramref name="instrument"/> (with <paramref name="tag"/>, if given).</summary>
    public double Sum(string instrument, (string Key, object Value)? tag = null) => Of(instrument, tag).Sum(m => m.Value);

    /// <summary>Reads the observable gauges now and returns the latest value of <paramref name="instrument"/>.</summary>
    public double Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return Of(instrument).Last().Value;
    }

    /// <summary>Completes when the sum of <paramref name="instrument"/> is <paramref name="value"/>.</summary>
    public Task WaitForSumAsync(string instrument, double value, TimeSpan timeout)
    {
        lock (_lock)
        {
            bool Condition() => _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value) == value;
            if (Condition())
            {
                return Task.CompletedTask;
            }

            var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Condition, met));
            return met.Task.WaitAsync(timeout);
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_lock)
        {
            _measurements.Add(new Measurement(instrument.Name, value, copy));
            foreach (var waiter in _waiters.Where(w => w.Condition()).ToList())
            {
                waiter.Met.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
