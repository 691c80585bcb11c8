using System.Diagnostics.Metrics;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// Follows the running total of one up-down counter of one meter instance (a single host's, not every host's in
/// this test process), and lets a test await a value.
/// </summary>
public sealed class UpDownCounterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly object _lock = new();
    private readonly List<(long Value, TaskCompletionSource Reached)> _waiters = [];
    private long _total;

    public UpDownCounterProbe(Meter meter, string instrument)
    {
        _listener.InstrumentPublished = (i, listener) =>
        {
            if (ReferenceEquals(i.Meter, meter) && i.Name == instrument)
            {
                listener.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, delta, _, _) => Add(delta));
        _listener.Start();
    }

    public long Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Completes when the total is <paramref name="value"/>.</summary>
    public Task WaitForAsync(long value, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_total == value)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((value, reached));
            return reached.Task.WaitAsync(timeout);
        }
    }

    private void Add(long delta)
    {
        lock (_lock)
        {
            _total += delta;
            foreach (var waiter in _waiters.Where(w => w.Value == _total).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
