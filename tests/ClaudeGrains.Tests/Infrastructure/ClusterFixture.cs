using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// One Orleans test cluster running the real CLI against a fake Anthropic API, shared by a test collection.
/// Each fixture has its own data root, so clusters of parallel collections never see each other's processes.
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _dataRoot = Directory.CreateTempSubdirectory("claudegrains-tests-");

    /// <summary>The API key the silos hand the CLI; tests check it never leaks.</summary>
    public const string TestApiKey = TestSiloSettings.TestApiKey;

    public TestCluster Cluster { get; private set; } = null!;

    public FakeAnthropicApi Api { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public string DataRoot => _dataRoot.FullName;

    /// <summary>The tag prefix of every CLI process the primary silo starts (stable across its restarts).</summary>
    public string ProcessTagPrefix { get; private set; } = "";

    /// <summary>Live processes (CLI and children) started by this cluster's silos.</summary>
    public IReadOnlyList<int> LiveCliProcesses() => ProcessReaper.FindTagged(ProcessTagPrefix + ":", prefixMatch: true);

    /// <summary>
    /// Live CLI processes themselves, without their children: the real CLI runs short-lived helpers (e.g. <c>ps</c>)
    /// after it boots, so only these count against the process budget.
    /// </summary>
    public IReadOnlyList<int> LiveCliRootProcesses()
    {
        var tagged = LiveCliProcesses();
        return tagged.Where(pid =>
        {
            try
            {
                return !tagged.Contains(ProcessProbe.ParentOf(pid));
            }
            catch (IOException)
            {
                return false; // gone meanwhile
            }
        }).ToList();
    }

    public IClaudeSessionGrain Session(string name) => Client.GetGrain<IClaudeSessionGrain>(name);

    public async Task InitializeAsync()
    {
        await StartDependenciesAsync();
        Api = await FakeAnthropicApi.StartAsync();
        var settings = TestSiloSettings.Create(Api, DataRoot);
        Configure(settings);

        (StaleProcessId, StaleMcpConfigFile) = LeaveStaleCliBehind(settings);
        var builder = new TestClusterBuilder((short)SiloCount);
        if (ExternalClients)
        {
            // In-process test silos talk over memory by default; tools outside the test's own client need real sockets.
            builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        }

        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        ProcessTagPrefix = PrimaryService<ClaudeCliProcessFactory>().ProcessTagPrefix;
    }

    /// <summary>A service of the primary silo (a new instance after a silo restart).</summary>
    public T PrimaryService<T>() where T : notnull => Cluster.Primary is InProcessSiloHandle silo
        ? silo.SiloHost.Services.GetRequiredService<T>()
        : throw new InvalidOperationException("The test cluster runs its silos in process.");

    /// <summary>What the primary silo has logged, where the fixture sets <see cref="TestSiloConfigurator.CaptureLogs"/>.</summary>
    public CapturedLogs Logs => PrimaryService<CapturedLogs>();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Api.DisposeAsync();
        await StopDependenciesAsync();
        try
        {
            _dataRoot.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A CLI may still be flushing; the temp directory is cleaned by the OS eventually.
        }
    }

    /// <summary>
    /// A process tagged as a CLI of this cluster's primary silo, started before the silo as if a crashed predecessor
    /// had left it behind; the silo must kill it when it starts.
    /// </summary>
    public int StaleProcessId { get; private set; }

    /// <summary>An MCP configuration file left with <see cref="StaleProcessId"/>; the silo must remove it when it starts.</summary>
    public string StaleMcpConfigFile { get; private set; } = "";

    private static (int ProcessId, string McpConfigFile) LeaveStaleCliBehind(IDictionary<string, string?> settings)
    {
        var options = new ClaudeGrainsOptions { DataRoot = settings["ClaudeGrains:DataRoot"]! };
        var factory = new ClaudeCliProcessFactory(Options.Create(options), NullLoggerFactory.Instance, "Primary");
        var startInfo = new System.Diagnostics.ProcessStartInfo("sleep", "3600") { UseShellExecute = false };
        startInfo.Environment[ProcessReaper.TagVariable] = ProcessReaper.NewTag(factory.ProcessTagPrefix);
        using var process = System.Diagnostics.Process.Start(startInfo)!;
        return (process.Id, factory.McpConfigFiles.Write("""{"mcpServers":{}}"""));
    }

    /// <summary>Whether clients other than the test cluster's own (the admin tool) connect over TCP.</summary>
    protected virtual bool ExternalClients => false;

    /// <summary>How many silos the cluster starts with.</summary>
    protected virtual int SiloCount => 1;

    /// <summary>The manager grain of this cluster.</summary>
    public IClaudeSessionManagerGrain Manager => Client.GetGrain<IClaudeSessionManagerGrain>(ClaudeSessionManager.Key);

    /// <summary>Starts what the silos need besides the fake API (e.g. Redis), before the cluster.</summary>
    protected virtual Task StartDependenciesAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartDependenciesAsync"/> started, after the cluster.</summary>
    protected virtual Task StopDependenciesAsync() => Task.CompletedTask;

    /// <summary>Lets a fixture change the silo configuration before the cluster starts.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }
}
