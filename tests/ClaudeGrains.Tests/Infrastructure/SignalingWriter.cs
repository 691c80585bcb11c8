using System.Text;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>A text writer a test can await: it re-checks waiting conditions on every write (no polling).</summary>
public sealed class SignalingWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        List<TaskCompletionSource> done;
        lock (_lock)
        {
            _text.Append(value);
            var text = _text.ToString();
            done = _waiters.Where(w => w.Condition(text)).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => done.Contains(w.Done));
        }

        done.ForEach(d => d.TrySetResult());
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    /// <summary>Completes once the text written so far satisfies <paramref name="condition"/>.</summary>
    public Task WaitForAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_text.ToString()))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(timeout);
    }
}
