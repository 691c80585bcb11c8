namespace ClaudeGrains.Testing;

/// <summary>Thread-safe list of recorded requests that wakes waiters as soon as a matching request arrives.</summary>
internal sealed class RequestLog
{
    private const string NotRecording = "The fake Anthropic API is not recording requests (RecordsRequests is false), so none can be waited for.";

    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<Waiter> _waiters = [];
    private volatile bool _recording = true;

    /// <summary>
    /// Whether requests are kept; while off, <see cref="Add"/> keeps nothing and waits are refused. Turning it off
    /// also fails the waits already pending, which nothing could complete any more.
    /// </summary>
    public bool Recording
    {
        get => _recording;
        set
        {
            lock (_gate)
            {
                _recording = value;
                if (value)
                {
                    return;
                }

                foreach (var waiter in _waiters)
                {
                    waiter.Completion.TrySetException(new InvalidOperationException(NotRecording));
                }

                _waiters.Clear();
            }
        }
    }

    /// <summary>A copy, so callers can enumerate while requests keep arriving.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _requests.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    public void Add(RecordedRequest request)
    {
        // Read under the lock: one that turned recording off in between has already cleared the waiters this would
        // look at, and must not find a request kept after it.
        lock (_gate)
        {
            if (!_recording)
            {
                return;
            }

            _requests.Add(request);
            foreach (var waiter in _waiters.ToArray())
            {
                // A test's predicate that throws fails that test's wait, not the HTTP request being recorded.
                try
                {
                    if (!waiter.Match(request))
                    {
                        continue;
                    }

                    waiter.Completion.TrySetResult(request);
                }
                catch (Exception exception)
                {
                    waiter.Completion.TrySetException(exception);
                }

                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>The first already recorded match, else the next one to arrive; <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(match);
        lock (_gate)
        {
            // Under the lock: a wait added after recording was turned off would never be failed.
            if (!_recording)
            {
                throw new InvalidOperationException(NotRecording);
            }

            // Checked under the lock so a request arriving right now is either seen here or wakes the waiter.
            var existing = _requests.Find(r => match(r));
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching request reached the fake Anthropic API within {timeout}. Recorded: {Describe()}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    private string Describe()
    {
        var requests = Snapshot();
        return requests.Count == 0
            ? "none"
            : string.Join("; ", requests.Select(r => $"{r.Model} \"{r.LastUserText}\" ({r.MessageCount} messages)"));
    }

    private sealed class Waiter(Func<RecordedRequest, bool> match)
    {
        public Func<RecordedRequest, bool> Match { get; } = match;

        public TaskCompletionSource<RecordedRequest> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
