using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace ClaudeGrains.Grains.Management;

/// <summary>
/// The cluster's session registry. Live state comes from each silo's in-memory directory (one fan-out per list or
/// count), so no query ever calls this grain; sessions call it at most once per activation.
/// </summary>
[Reentrant]
public sealed class ClaudeSessionManagerGrain(
    [PersistentState("registry", ClaudeStorage.SessionStateStorageName)] IPersistentState<SessionRegistryState> registry,
    ISessionDirectoryClient directory,
    IOptions<ClaudeGrainsOptions> options,
    ILogger<ClaudeSessionManagerGrain> logger) : Grain, IClaudeSessionManagerGrain, ISessionRegistry
{
    private Task? _pendingWrite;

    private Dictionary<string, SessionRegistration> Sessions => registry.State.Sessions;

    /// <inheritdoc />
    public async Task<SessionInfo> StartSessionAsync(string name, SessionOptions? sessionOptions, bool replace = false, bool warm = false)
    {
        SessionName.Validate(name);
        var defaults = SessionOptionsDefaults.For(name, options.Value);
        var requested = sessionOptions ?? defaults;
        options.Value.ValidateSessionOptions(requested);

        // A session registered by use runs on the defaults: those are the options it exists with.
        Sessions.TryGetValue(name, out var existing);
        var current = existing is null ? null : existing.Options ?? defaults;
        if (current is not null && !current.Equals(requested) && !replace)
        {
            throw new ClaudeSessionException(ClaudeErrorCode.Conflict,
                $"Session '{name}' already exists with other options ({SessionInfoMapper.Summarize(current)}); pass replace to change them.") { SessionName = name };
        }

        if (existing is { Options: null } && requested.Equals(defaults))
        {
            // Already running on exactly these; registering them would restart its process for nothing.
            await GrainFactory.GetGrain<ISessionControl>(name).SetRegisteredAsync(true);
        }
        else
        {
            await ApplyAsync(name, requested, existing);
        }

        var control = GrainFactory.GetGrain<ISessionControl>(name);
        if (warm)
        {
            await control.WarmUpAsync();
        }

        var status = await GrainFactory.GetGrain<IClaudeSessionGrain>(name).GetStatusAsync();
        return SessionInfoMapper.From(status, requested);
    }

    /// <inheritdoc />
    public async Task<bool> TerminateSessionAsync(string name)
    {
        SessionName.Validate(name);
        if (!Sessions.Remove(name))
        {
            return false;
        }

        await PersistAsync();
        await GrainFactory.GetGrain<ISessionControl>(name).TerminateAsync();
        logger.LogInformation("Session {SessionName} terminated and unregistered", name);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> RestartSessionAsync(string name)
    {
        SessionName.Validate(name);
        if (!Sessions.ContainsKey(name))
        {
            return false;
        }

        await GrainFactory.GetGrain<IClaudeSessionGrain>(name).RestartAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<SessionPage> ListSessionsAsync(SessionFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.PageSize is < 1 or > SessionFilter.MaxPageSize || filter.Page < 0)
        {
            throw new ArgumentException($"PageSize must be 1 to {SessionFilter.MaxPageSize} and Page at least 0 (were {filter.PageSize} and {filter.Page}).", nameof(filter));
        }

        var matching = await SnapshotAsync(filter.Prefix);
        if (filter.State is { } state)
        {
            matching = matching.Where(s => s.State == state).ToList();
        }

        // In long: Page x PageSize overflows int for a far page, and a negative skip would return the first page.
        var skip = (long)filter.Page * filter.PageSize;
        var page = skip >= matching.Count ? [] : matching.Skip((int)skip).Take(filter.PageSize).ToList();

        // A session without a live activation is read from its own state, for its counters and last error.
        var details = await Task.WhenAll(page.Select(async info => info.Silo is not null ? info : await DetailAsync(info)));
        return new SessionPage { Sessions = details, TotalCount = matching.Count, Page = filter.Page, PageSize = filter.PageSize };
    }

    /// <inheritdoc />
    public async Task<SessionCounts> CountSessionsAsync()
    {
        var live = await directory.GetClusterSessionsAsync();
        var alive = live.Count(s => s.Alive);
        var faulted = live.Count(s => s.State == SessionState.Faulted);
        return new SessionCounts
        {
            Registered = Sessions.Count,
            LiveProcesses = alive,
            Busy = live.Count(s => s.State == SessionState.Busy),
            Faulted = faulted,
            Hibernated = Math.Max(0, Sessions.Count - alive - faulted),
        };
    }

    /// <inheritdoc />
    public Task<bool> IsRegisteredAsync(string name) => Task.FromResult(Sessions.ContainsKey(name));

    /// <inheritdoc />
    public async Task RegisterImplicitlyAsync(string name, DateTimeOffset createdAt)
    {
        if (SessionName.GetError(name) is null && Sessions.TryAdd(name, new SessionRegistration { CreatedAt = createdAt }))
        {
            await PersistAsync();
        }
    }

    /// <inheritdoc />
    public async Task EnsureConfiguredAsync(string name, SessionOptions options)
    {
        Sessions.TryGetValue(name, out var existing);

        // Every silo start applies the configuration only if it changed since it was last applied (or another silo
        // with the same configuration got here first): options an operator set since stand until then.
        if (existing?.ConfiguredOptions is { } applied && applied.Equals(options))
        {
            return;
        }

        await ApplyAsync(name, options, existing, configured: true);
    }

    private async Task ApplyAsync(string name, SessionOptions options, SessionRegistration? existing, bool configured = false)
    {
        if (existing?.Options is not null && existing.Options.Equals(options))
        {
            if (configured)
            {
                existing.ConfiguredOptions = options;
                await PersistAsync();
            }

            await GrainFactory.GetGrain<ISessionControl>(name).SetRegisteredAsync(true);
            return;
        }

        if (configured)
        {
            logger.LogInformation("Session {SessionName} {Action} from configuration", name, existing is null ? "registered" : "updated");
        }

        Sessions[name] = new SessionRegistration
        {
            Options = options,
            CreatedAt = existing?.CreatedAt ?? DateTimeOffset.UtcNow,
            ConfiguredOptions = configured ? options : existing?.ConfiguredOptions,
        };
        await PersistAsync();
        await GrainFactory.GetGrain<ISessionControl>(name).SetRegisteredAsync(true);
        await GrainFactory.GetGrain<IClaudeSessionGrain>(name).ConfigureAsync(options);
    }

    private async Task<List<SessionInfo>> SnapshotAsync(string? prefix)
    {
        var live = (await directory.GetClusterSessionsAsync())
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Alive).First(), StringComparer.Ordinal);
        return Sessions.Keys.Union(live.Keys, StringComparer.Ordinal)
            .Where(name => prefix is null || name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => live.TryGetValue(name, out var info) ? info : Dormant(name))
            .ToList();
    }

    private SessionInfo Dormant(string name)
    {
        var registration = Sessions[name];
        return new SessionInfo
        {
            Name = name,
            State = SessionState.Hibernated,
            CreatedAt = registration.CreatedAt,
            OptionsSummary = SessionInfoMapper.Summarize(registration.Options ?? new SessionOptions()),
        };
    }

    private async Task<SessionInfo> DetailAsync(SessionInfo dormant)
    {
        var session = GrainFactory.GetGrain<IClaudeSessionGrain>(dormant.Name);
        var status = await session.GetStatusAsync();
        return SessionInfoMapper.From(status, await session.GetOptionsAsync());
    }

    // Registrations arriving together share one storage write instead of one each. A change made while a write is on
    // its way asks for the next write without waiting: Orleans (10) queues the writes of one state, each starting after
    // the one before with the ETag it left, so storage never sees two overlap and refuses neither as stale.
    private Task PersistAsync() => _pendingWrite ??= WriteSoonAsync();

    private async Task WriteSoonAsync()
    {
        await Task.Yield();
        _pendingWrite = null;
        await registry.WriteStateAsync();
    }
}
