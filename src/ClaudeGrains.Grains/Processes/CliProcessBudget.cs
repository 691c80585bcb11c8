using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Grains.Processes;

/// <summary>
/// Caps the CLI processes alive on this silo. A session takes a slot before starting its process and gives it back
/// once the process is gone. At the cap, the least recently used idle session is asked to hibernate; when every live
/// session is busy the start waits (bounded in number and time), then fails with a capacity error.
/// Spare slots hold the warm pool's processes: they are taken only when nobody needs a slot, and at the cap one is
/// handed to the starting session before any idle session is hibernated.
/// </summary>
public sealed class CliProcessBudget
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Holder> _holders = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Session, TaskCompletionSource Granted)> _waiting = new();
    private readonly IGrainFactory _grains;
    private readonly ClaudeGrainsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CliProcessBudget> _logger;
    private Func<string, Task<bool>>? _reclaimSpare;
    private int _startsAtCap;

    /// <summary>Creates the budget for this silo.</summary>
    public CliProcessBudget(IGrainFactory grains, IOptions<ClaudeGrainsOptions> options, TimeProvider time, ILogger<CliProcessBudget> logger)
    {
        _grains = grains;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Capacity = _options.Supervision.EffectiveMaxLiveProcesses;
    }

    /// <summary>The cap.</summary>
    public int Capacity { get; }

    /// <summary>Slots taken now.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _holders.Count;
            }
        }
    }

    /// <summary>Raised, outside any lock, when a slot came free that no waiting start took: the warm pool may refill.</summary>
    public event Action? SlotFreed;

    /// <summary>
    /// Lets the warm pool give up a spare slot when a start finds the budget full: <paramref name="reclaim"/> stops one
    /// pooled process and hands its slot to the named session with <see cref="Transfer"/>, or returns false.
    /// </summary>
    public void SetSpareReclaimer(Func<string, Task<bool>> reclaim) => _reclaimSpare = reclaim;

    /// <summary>Takes a spare slot for a pooled process, only if one is free and no start needs it.</summary>
    public bool TryAcquireSpare(string holder)
    {
        lock (_lock)
        {
            if (_holders.Count >= Capacity || _waiting.Count > 0 || _startsAtCap > 0 || _holders.ContainsKey(holder))
            {
                return false;
            }

            _holders[holder] = new Holder { LastUsed = _time.GetUtcNow(), Spare = true };
            return true;
        }
    }

    /// <summary>
    /// Hands the slot of <paramref name="spareHolder"/> to <paramref name="session"/>, which never lets the count go up
    /// or down; if the session holds a slot already, the spare one is released instead.
    /// </summary>
    public void Transfer(string spareHolder, string session)
    {
        lock (_lock)
        {
            if (!_holders.ContainsKey(session) && _holders.Remove(spareHolder))
            {
                _holders[session] = new Holder { LastUsed = _time.GetUtcNow() };
                return;
            }
        }

        Release(spareHolder);
    }

    /// <summary>Takes a slot for <paramref name="session"/>, making room or waiting as needed.</summary>
    /// <exception cref="ClaudeSessionException">With <see cref="ClaudeErrorCode.Capacity"/> when no slot came free in time.</exception>
    public async Task AcquireAsync(string session, CancellationToken cancellationToken = default)
    {
        var atCap = false;
        try
        {
            while (true)
            {
                List<string> idle;
                bool hasSpare;
                lock (_lock)
                {
                    if (_holders.TryGetValue(session, out var held))
                    {
                        held.LastUsed = _time.GetUtcNow();
                        return;
                    }

                    if (_holders.Count < Capacity)
                    {
                        _holders[session] = new Holder { LastUsed = _time.GetUtcNow() };
                        return;
                    }

                    if (!atCap)
                    {
                        // While this start makes room, slots it frees must not go to the warm pool.
                        atCap = true;
                        _startsAtCap++;
                    }

                    hasSpare = _holders.Values.Any(h => h.Spare);
                    idle = _holders.Where(h => !h.Value.Busy && !h.Value.Spare).OrderBy(h => h.Value.LastUsed).Select(h => h.Key).ToList();
                }

                // A pooled process costs nobody a conversation, so it goes before any idle session hibernates.
                if (hasSpare && _reclaimSpare is { } reclaim && await reclaim(session))
                {
                    continue; // the slot is the session's now: the next round returns
                }

                if (!await HibernateOneAsync(idle))
                {
                    await WaitForSlotAsync(session, cancellationToken);
                    return;
                }
            }
        }
        finally
        {
            if (atCap)
            {
                lock (_lock)
                {
                    _startsAtCap--;
                }
            }
        }
    }

    /// <summary>Gives back the slot of <paramref name="session"/>, handing it to the longest waiting start.</summary>
    public void Release(string session)
    {
        lock (_lock)
        {
            if (!_holders.Remove(session))
            {
                return;
            }

            while (_waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                _holders[first.Value.Session] = new Holder { LastUsed = _time.GetUtcNow() };
                if (first.Value.Granted.TrySetResult())
                {
                    return;
                }

                _holders.Remove(first.Value.Session); // that waiter gave up meanwhile
            }
        }

        SlotFreed?.Invoke();
    }

    /// <summary>Marks whether <paramref name="session"/> is running a query (busy sessions are never hibernated).</summary>
    public void SetBusy(string session, bool busy)
    {
        bool handOver;
        lock (_lock)
        {
            if (!_holders.TryGetValue(session, out var holder))
            {
                return;
            }

            holder.Busy = busy;
            holder.LastUsed = _time.GetUtcNow();
            handOver = !busy && _waiting.Count > 0;
        }

        if (handOver)
        {
            // Starts are waiting and this session just went idle: it hibernates so its slot passes on (Release).
            _ = HandOverAsync(session);
        }
    }

    private async Task HandOverAsync(string session)
    {
        try
        {
            await _grains.GetGrain<ISessionControl>(session).TryHibernateAsync();
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Session {SessionName} could not hibernate to hand its process slot to a waiting start", session);
        }
    }

    private async Task<bool> HibernateOneAsync(List<string> idle)
    {
        foreach (var candidate in idle)
        {
            _logger.LogInformation("Process budget of {Capacity} reached; asking idle session {SessionName} to hibernate", Capacity, candidate);
            if (await _grains.GetGrain<ISessionControl>(candidate).TryHibernateAsync())
            {
                return true;
            }
        }

        return false;
    }

    private async Task WaitForSlotAsync(string session, CancellationToken cancellationToken)
    {
        var granted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkedListNode<(string, TaskCompletionSource)> node;
        lock (_lock)
        {
            if (_waiting.Count >= _options.Supervision.MaxWaitingStarts)
            {
                throw CapacityError(session, $"{_waiting.Count} starts are already waiting");
            }

            node = _waiting.AddLast((session, granted));
        }

        try
        {
            await granted.Task.WaitAsync(_options.Supervision.CapacityWaitTimeout, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (granted.TrySetCanceled() && node.List is not null)
                {
                    _waiting.Remove(node);
                }
            }

            if (granted.Task.IsCompletedSuccessfully)
            {
                return; // granted just as the wait ended
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw CapacityError(session, $"no slot came free within {_options.Supervision.CapacityWaitTimeout}");
        }
    }

    private ClaudeSessionException CapacityError(string session, string why) =>
        new(ClaudeErrorCode.Capacity,
            $"Session '{session}' cannot start a CLI process: all {Capacity} process slots of this silo are busy and {why} (ClaudeGrains:Supervision:MaxLiveProcesses).")
        {
            SessionName = session,
        };

    private sealed class Holder
    {
        public DateTimeOffset LastUsed { get; set; }

        public bool Busy { get; set; }

        public bool Spare { get; init; }
    }
}
