using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Hosting;

/// <summary>
/// The silo host yields the CPU to its CLIs (<c>ClaudeGrains:Cli:YieldCpuToCli</c>, on in <c>silo/appsettings.json</c>):
/// its threads run under SCHED_BATCH and the CLIs it starts afterwards under the normal policy. Off, nothing changes.
/// </summary>
public sealed class HostCpuYieldTests : IAsyncLifetime
{
    private const int NormalPolicy = 0;
    private const int BatchPolicy = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SiloHosts _hosts = new("yield");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task The_silo_hosts_threads_run_under_the_batch_policy_and_a_CLI_it_starts_under_the_normal_one()
    {
        var (silo, web) = await _hosts.StartAsync(new Dictionary<string, string>());
        using var http = new HttpClient { BaseAddress = web };

        await AllThreadsUnderBatchAsync(silo.ProcessId);
        // The first query grows the silo's thread pool; its new threads are moved at the next sweep. The second then
        // starts its CLI from a thread under the batch policy, which the CLI would inherit.
        var first = await QueryAndGetCliAsync(http);
        await AllThreadsUnderBatchAsync(silo.ProcessId);
        var second = await QueryAndGetCliAsync(http);

        Assert.All(ProcessProbe.SchedulingPolicies(first).Concat(ProcessProbe.SchedulingPolicies(second)),
            t => Assert.True(t.Policy == NormalPolicy, $"CLI thread {t.Thread} runs under policy {t.Policy}"));
    }

    [Fact]
    public async Task With_the_setting_off_the_silo_hosts_threads_keep_the_normal_policy()
    {
        var (silo, web) = await _hosts.StartAsync(new Dictionary<string, string> { ["ClaudeGrains:Cli:YieldCpuToCli"] = "false" });
        using var http = new HttpClient { BaseAddress = web };

        await QueryAndGetCliAsync(http);

        Assert.All(ProcessProbe.SchedulingPolicies(silo.ProcessId), t => Assert.True(t.Policy == NormalPolicy, $"Silo thread {t.Thread} runs under policy {t.Policy}"));
    }

    /// <summary>
    /// Waits for the sweep that moves threads the runtime started under the normal policy (it gives every thread it
    /// starts an explicit policy), then asserts every thread of the silo runs under the batch policy.
    /// </summary>
    private static async Task AllThreadsUnderBatchAsync(int silo)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (ProcessProbe.SchedulingPolicies(silo).Any(t => t.Policy != BatchPolicy) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.All(ProcessProbe.SchedulingPolicies(silo), t => Assert.True(t.Policy == BatchPolicy, $"Silo thread {t.Thread} runs under policy {t.Policy}"));
    }

    private static async Task<int> QueryAndGetCliAsync(HttpClient http)
    {
        var name = UniqueName.For("yield");
        (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "hello" })).EnsureSuccessStatusCode();
        var status = await (await http.GetAsync(WebJson.SessionPath(name))).ReadAsync<SessionStatus>();
        return status.ProcessId ?? throw new InvalidOperationException($"Session {name} reports no process after answering.");
    }
}
