using ClaudeGrains.Grains.Supervision;

namespace ClaudeGrains.Tests.Supervision;

public sealed class RestartTrackerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly SupervisionOptions _options = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(1),
        MaxRestarts = 3,
        RestartWindow = TimeSpan.FromSeconds(60),
        FaultedCooldown = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public void No_failure_means_no_delay()
    {
        Assert.Equal(TimeSpan.Zero, new RestartTracker(_options, _time).DelayBeforeStart());
    }

    [Fact]
    public void Backoff_doubles_per_consecutive_failure_and_is_capped()
    {
        var tracker = new RestartTracker(_options, _time);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            tracker.RecordFailure();
            delays.Add(tracker.DelayBeforeStart());
            _time.Advance(TimeSpan.FromSeconds(20)); // outside the window, so no fault
        }

        Assert.Equal([100, 200, 400, 800, 1000, 1000], delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public void Time_already_waited_counts_against_the_backoff()
    {
        var tracker = new RestartTracker(_options, _time);
        tracker.RecordFailure();
        _time.Advance(TimeSpan.FromMilliseconds(60));

        Assert.Equal(TimeSpan.FromMilliseconds(40), tracker.DelayBeforeStart());
    }

    [Fact]
    public void A_success_resets_the_backoff()
    {
        var tracker = new RestartTracker(_options, _time);
        tracker.RecordFailure();
        tracker.RecordFailure();
        tracker.RecordSuccess();

        Assert.Equal(TimeSpan.Zero, tracker.DelayBeforeStart());
    }

    [Fact]
    public void More_failures_than_allowed_within_the_window_fault_until_the_cooldown_ends()
    {
        var tracker = new RestartTracker(_options, _time);

        var faults = Enumerable.Range(0, 4).Select(_ => tracker.RecordFailure()).ToList();

        Assert.Equal([false, false, false, true], faults);
        Assert.True(tracker.IsFaulted);
        Assert.Equal(_time.GetUtcNow() + _options.FaultedCooldown, tracker.FaultedUntil);
        _time.Advance(_options.FaultedCooldown);
        Assert.False(tracker.IsFaulted);
        Assert.Equal(TimeSpan.Zero, tracker.DelayBeforeStart());
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count()
    {
        var tracker = new RestartTracker(_options, _time);
        for (var i = 0; i < 10; i++)
        {
            Assert.False(tracker.RecordFailure());
            _time.Advance(TimeSpan.FromSeconds(21));
        }

        Assert.False(tracker.IsFaulted);
    }

    [Fact]
    public void Reset_clears_a_fault()
    {
        var tracker = new RestartTracker(_options, _time);
        for (var i = 0; i < 4; i++)
        {
            tracker.RecordFailure();
        }

        tracker.Reset();

        Assert.False(tracker.IsFaulted);
        Assert.Null(tracker.FaultedUntil);
    }
}
