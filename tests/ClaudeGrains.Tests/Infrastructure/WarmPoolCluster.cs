using System.Globalization;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Testing;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// A real-CLI cluster with a warm pool of <see cref="PoolSize"/> processes in a budget of <see cref="MaxLiveProcesses"/>,
/// defaults the pool is launched with, the default warm-up (<c>reload_plugins</c>) and the silo's log captured. Tests
/// here end their sessions so the next test finds the pool full.
/// </summary>
public class WarmPoolCluster : ClusterFixture
{
    public const int PoolSize = 2;

    public const int MaxLiveProcesses = 4;

    public const int DefaultMaxTurns = 4;

    public const string DefaultModel = "claude-warm-default";

    /// <summary>Shorter than the default, so tests that wait for a refill stay quick.</summary>
    public static readonly TimeSpan RefillDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The pool of the primary silo (a new one after a silo restart).</summary>
    public WarmProcessPool Pool => PrimaryService<WarmProcessPool>();

    /// <summary>Options a session needs to match the pool: its launch-only options equal the defaults'.</summary>
    public static SessionOptions Matching(string systemPrompt, string? model = null) =>
        new() { MaxTurns = DefaultMaxTurns, SystemPrompt = systemPrompt, Model = model };

    /// <summary>Completes with the pool's status once it satisfies <paramref name="condition"/>, driven by its change events.</summary>
    public async Task<WarmPoolStatus> PoolAsync(Func<WarmPoolStatus, bool> condition, WarmProcessPool? pool = null)
    {
        pool ??= Pool;
        var reached = new TaskCompletionSource<WarmPoolStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(WarmPoolStatus status)
        {
            if (condition(status))
            {
                reached.TrySetResult(status);
            }
        }

        pool.Changed += Check;
        try
        {
            Check(pool.Status);
            return await reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            pool.Changed -= Check;
        }
    }

    /// <summary>The one Messages API request of the turn that sent <paramref name="prompt"/> (side requests aside).</summary>
    public Testing.RecordedRequest Turn(string prompt) =>
        Assert.Single(Api.Requests, r => r.LastUserText == prompt && !r.IsStructuredOutput);

    /// <summary>Waits until every pooled process has booted.</summary>
    public Task<WarmPoolStatus> FullPoolAsync(WarmProcessPool? pool = null) => PoolAsync(s => s.ReadyProcessIds.Count == PoolSize, pool);

    /// <summary>
    /// Runs the pool's processes (and every session's) on the fault CLI with <paramref name="profileArgs"/> as the
    /// defaults' extra arguments: a session matches the pool only with them too.
    /// </summary>
    protected static void UseFaultCli(IDictionary<string, string?> settings, IReadOnlyList<string> profileArgs)
    {
        settings["ClaudeGrains:Cli:Path"] = RepositoryPaths.FaultCli;
        for (var i = 0; i < profileArgs.Count; i++)
        {
            settings[$"ClaudeGrains:Defaults:ExtraArgs:{i}"] = profileArgs[i];
        }
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ClaudeGrains:WarmPool:Size"] = PoolSize.ToString(CultureInfo.InvariantCulture);
        settings["ClaudeGrains:WarmPool:HandOverTimeout"] = "00:00:03";
        settings["ClaudeGrains:WarmPool:RefillDelay"] = RefillDelay.ToString("c", CultureInfo.InvariantCulture);
        settings["ClaudeGrains:Supervision:MaxLiveProcesses"] = MaxLiveProcesses.ToString(CultureInfo.InvariantCulture);
        settings["ClaudeGrains:Defaults:MaxTurns"] = DefaultMaxTurns.ToString(CultureInfo.InvariantCulture);
        settings["ClaudeGrains:Defaults:Model"] = DefaultModel;
        settings[TestSiloConfigurator.CaptureLogs] = "true";
    }
}
