using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using ClaudeGrains.Grains.Telemetry;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Processes;
using ClaudeGrains.Testing;
using ClaudeGrains.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// The real silo host (the same <c>AddClaudeGrainsSilo</c> / <c>MapClaudeGrains</c> as <c>silo/Program.cs</c>) on free
/// loopback ports, running the real CLI against a fake API, plus a second Orleans client that connects over TCP like
/// any other application.
/// </summary>
public abstract class WebHostFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _dataRoot = Directory.CreateTempSubdirectory("claudegrains-web-tests-");
    private IHost? _otherClient;

    public FakeAnthropicApi Api { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    /// <summary>Where the web front listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A cluster client of another process-like host, connected through the silo's gateway.</summary>
    public IClusterClient OtherClient => _otherClient!.Services.GetRequiredService<IClusterClient>();

    /// <summary>The admin token this host requires, or null when it runs without one.</summary>
    public virtual string? AdminToken => null;

    public string DataRoot => _dataRoot.FullName;

    /// <summary>Every line the host logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The host's ClaudeGrains meter (the one instance its grains and endpoints record on).</summary>
    public Meter Meter => App.Services.GetRequiredService<IMeterFactory>().Create(ClaudeGrainsMetrics.MeterName);

    /// <summary>The configuration the host started with.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Live processes (CLI and children) started by this host's silo.</summary>
    public IReadOnlyList<int> LiveCliProcesses() =>
        ProcessReaper.FindTagged(App.Services.GetRequiredService<ClaudeCliProcessFactory>().ProcessTagPrefix + ":", prefixMatch: true);

    /// <summary>An HTTP client for the web front, sending the admin token when this host has one.</summary>
    public HttpClient CreateHttpClient(bool withToken = true)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (withToken && AdminToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }

        return http;
    }

    public async Task InitializeAsync()
    {
        Api = await FakeAnthropicApi.StartAsync();
        var gatewayPort = FreePort.Next();
        var clusterId = $"web-tests-{Guid.NewGuid():N}";
        var settings = TestSiloSettings.Create(Api, DataRoot);
        settings["urls"] = $"http://127.0.0.1:{FreePort.Next()}";
        settings["ClaudeGrains:Clustering:ClusterId"] = clusterId;
        settings["ClaudeGrains:Clustering:SiloPort"] = FreePort.Next().ToString();
        settings["ClaudeGrains:Clustering:GatewayPort"] = gatewayPort.ToString();
        settings["ClaudeGrains:Web:AdminToken"] = AdminToken;
        Configure(settings);
        Settings = settings;

        // The data root as content root: the silo host's appsettings.json, copied next to the tests, must not apply.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = DataRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        // Only the capture: the console would flood the test output. Debug for ClaudeGrains (prompts are logged there),
        // Information for the frameworks, whose Debug chatter (a stream poll every millisecond) would fill memory.
        builder.Logging.ClearProviders().AddProvider(Logs)
            .SetMinimumLevel(LogLevel.Debug)
            .AddFilter("Orleans", LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Information)
            .AddFilter("System", LogLevel.Information)
            .AddFilter("Polly", LogLevel.Information);
        builder.AddClaudeGrainsSilo();
        App = builder.Build();
        App.MapClaudeGrains();
        await App.StartAsync();
        BaseAddress = new Uri(settings["urls"]! + "/");

        _otherClient = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .UseLocalhostClustering(gatewayPort, serviceId: "default", clusterId: clusterId)
                .AddMemoryStreams(ClaudeStreams.ProviderName))
            .Build();
        await _otherClient.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_otherClient is not null)
        {
            await _otherClient.StopAsync();
            _otherClient.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        await Api.DisposeAsync();
        try
        {
            _dataRoot.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A CLI may still be flushing; the temp directory is cleaned by the OS eventually.
        }
    }

    /// <summary>Lets a fixture change the configuration before the host starts.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }
}
