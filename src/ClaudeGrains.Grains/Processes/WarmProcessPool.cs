using ClaudeGrains.Cli.Protocol;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Grains.Processes;

/// <summary>
/// The silo's pre-started CLI processes (<c>ClaudeGrains:WarmPool</c>). A cold <c>claude</c> spends about a second
/// booting before its first request; a new session whose launch-only options match <see cref="Profile"/> takes a
/// booted process instead and gets its own options through the control protocol. Each pooled process holds a spare
/// slot of the <see cref="CliProcessBudget"/>, never one a session needs. With <see cref="WarmPoolOptions.WarmUp"/> set,
/// a booted process also runs a warm-up before it counts as ready. The pool fills in the background once the
/// silo is active, refills after every hand-over, replaces processes that die (with backoff, so a broken CLI does not
/// spin), and stops them all when the silo stops.
/// </summary>
public sealed partial class WarmProcessPool : ILifecycleParticipant<ISiloLifecycle>
{
    private const string HolderPrefix = "\u0001warm-pool/"; // a control character: never a session name

    private readonly Lock _lock = new();
    private readonly List<PooledProcess> _pooled = []; // oldest first
    private readonly SemaphoreSlim _refill = new(0, 1);
    private readonly ClaudeCliProcessFactory _factory;
    private readonly CliProcessBudget _budget;
    private readonly WarmPoolOptions _options;
    private readonly TimeSpan _stopGrace;
    private readonly TimeProvider _time;
    private readonly ILogger<WarmProcessPool> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _refiller = Task.CompletedTask;
    private bool _stopped;
    private int _failures; // in a row: until a hand-over, or until MaxBackoff passes without one
    private DateTimeOffset _lastFailure;
    private int _warmUpRefusals; // in a row, across the processes warming up at once (Interlocked)
    private long _nextHolder;
    private DateTimeOffset _lastHandOver = DateTimeOffset.MinValue;

    /// <summary>Creates the pool of this silo and registers it with the process budget.</summary>
    public WarmProcessPool(ClaudeCliProcessFactory factory, CliProcessBudget budget, IOptions<ClaudeGrainsOptions> options, TimeProvider time, ILogger<WarmProcessPool> logger)
    {
        _factory = factory;
        _budget = budget;
        _options = options.Value.WarmPool;
        _stopGrace = options.Value.Cli.ShutdownGracePeriod;
        _time = time;
        _logger = logger;
        Profile = WarmPoolProfile.From(options.Value.Defaults);
        budget.SetSpareReclaimer(ReclaimAsync);
        budget.SlotFreed += Pulse;
    }

    /// <summary>Which sessions the pool serves and how its processes are launched.</summary>
    public WarmPoolProfile Profile { get; }

    /// <summary>Raised, outside any lock, whenever a process joins, becomes ready or leaves the pool.</summary>
    public event Action<WarmPoolStatus>? Changed;

    /// <summary>What the pool holds now.</summary>
    public WarmPoolStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new WarmPoolStatus(
                    Math.Max(0, _options.Size),
                    _pooled.Where(p => p.Ready).Select(p => p.Process.ProcessId).ToList(),
                    _pooled.Where(p => !p.Ready).Select(p => p.Process.ProcessId).ToList());
            }
        }
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WarmProcessPool), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>
    /// Gives <paramref name="sessionName"/> a pooled process configured with <paramref name="options"/> (the session's
    /// effective options), moving the pooled process's budget slot to the session. Returns null when the pool is off,
    /// the options do not match <see cref="Profile"/>, or no process is waiting. When the hand-over fails the process
    /// is stopped and null is returned, but the session keeps the slot for the process it starts itself.
    /// </summary>
    public async Task<ClaudeCliProcess?> TryHandOverAsync(string sessionName, SessionOptions options)
    {
        if (_options.Size <= 0 || !Profile.Matches(options) || Take() is not { } pooled)
        {
            return null;
        }

        _budget.Transfer(pooled.Holder, sessionName);
        OnChanged();
        Pulse();
        var process = pooled.Process;
        try
        {
            using var timeout = new CancellationTokenSource(_options.HandOverTimeout, _time);
            // All sent at once: the CLI takes stdin in order, so each is applied after the one before without a
            // round trip per request; none is acted on by a prompt before all have been answered.
            var requests = Profile.HandOverRequests(options);
            var responses = await Task.WhenAll(requests.Select(request => process.SendControlRequestAsync(request, timeout.Token)));
            for (var i = 0; i < requests.Count; i++)
            {
                var response = responses[i];
                if (!response.IsSuccess)
                {
                    throw new InvalidOperationException($"the CLI refused {requests[i].Subtype}: {response.Error}");
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            var why = ex is OperationCanceledException ? $"no answer within {_options.HandOverTimeout}" : ex.Message;
            _logger.LogWarning("Session {SessionName}: pre-started CLI process {ProcessId} could not be handed over ({Why}); discarding it and starting a new one",
                sessionName, process.ProcessId, why);
            await DiscardAsync(process);
            return null;
        }

        lock (_lock)
        {
            _failures = 0;
        }

        _logger.LogInformation("Session {SessionName} took pre-started CLI process {ProcessId} from the warm pool", sessionName, process.ProcessId);
        return process;
    }

    private PooledProcess? Take()
    {
        lock (_lock)
        {
            // A booted one answers at once; one still booting is still ahead of a cold start. One warming up may not
            // be: the CLI answers control requests one at a time, so the session's would wait for the warm-up, which
            // can be the API's count_tokens calls or a plugin install.
            var pooled = _pooled.FirstOrDefault(p => p.Ready && !p.Process.HasExited)
                ?? _pooled.FirstOrDefault(p => !p.WarmingUp && !p.Process.HasExited);
            if (pooled is not null)
            {
                _pooled.Remove(pooled);
                _lastHandOver = _time.GetUtcNow();
            }

            return pooled;
        }
    }

    private async Task<bool> ReclaimAsync(string sessionName)
    {
        PooledProcess? pooled;
        lock (_lock)
        {
            // One still booting is worth least.
            pooled = _pooled.LastOrDefault(p => !p.Ready) ?? _pooled.LastOrDefault();
            if (pooled is not null)
            {
                _pooled.Remove(pooled);
            }
        }

        if (pooled is null)
        {
            return false;
        }

        _logger.LogInformation("Process budget reached; the warm pool gives up pre-started CLI process {ProcessId} for session {SessionName}",
            pooled.Process.ProcessId, sessionName);
        await DiscardAsync(pooled.Process);
        _budget.Transfer(pooled.Holder, sessionName);
        OnChanged();
        return true;
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Size > 0)
        {
            _logger.LogInformation("Warm pool: keeping {Size} pre-started CLI process(es) for new sessions", _options.Size);
            _refiller = Task.Run(() => RefillAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _refiller;
        List<PooledProcess> pooled;
        lock (_lock)
        {
            _stopped = true;
            pooled = [.. _pooled];
            _pooled.Clear();
        }

        await Task.WhenAll(pooled.Select(async p =>
        {
            await p.Process.StopAsync(_stopGrace);
            await p.Process.DisposeAsync();
            _budget.Release(p.Holder);
        }));
        if (pooled.Count > 0)
        {
            _logger.LogInformation("Warm pool stopped its {Count} pre-started CLI process(es)", pooled.Count);
            OnChanged();
        }
    }

    private static async Task DiscardAsync(ClaudeCliProcess process)
    {
        // It never had a conversation, so there is nothing to let it write first.
        process.Kill();
        await process.Exited;
        await process.DisposeAsync();
    }

    private void Pulse()
    {
        try
        {
            _refill.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refill is already due.
        }
    }

    private void OnChanged()
    {
        if (Changed is { } changed)
        {
            changed(Status);
        }
    }
}
