using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Testing;

/// <summary>
/// A fake of the Anthropic Messages API for the real Claude Code CLI to talk to (via <c>ANTHROPIC_BASE_URL</c>),
/// so end-to-end tests run the real CLI without network, keys or cost.
/// </summary>
/// <remarks>
/// Every answer is <c>"{last user text} | {n} messages"</c>, where n counts the user and assistant messages sent,
/// so a test can see both which prompt was answered and how much history the CLI replayed.
/// Prompts may carry directives (<c>[deltas:N]</c>, <c>[slow:MS]</c>, <c>[fail:500|429|529|overloaded]</c>, <c>[hang]</c>)
/// that override <see cref="Behavior"/> for that one request. Structured-output side requests (the CLI's session
/// title, see <see cref="RecordedRequest.IsStructuredOutput"/>) quote the prompt but ignore directives and
/// <see cref="Behavior"/>: they always get prompt, schema-valid JSON.
/// </remarks>
public sealed class FakeAnthropicApi : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly RequestLog _log;
    private readonly RequestLog _tokenCountLog;
    private readonly CancellationTokenSource _stopping;
    private volatile FakeApiBehavior _behavior = FakeApiBehavior.Default;
    private int _disposed;

    private FakeAnthropicApi(WebApplication app, RequestLog log, RequestLog tokenCountLog, CancellationTokenSource stopping, Uri baseUrl)
    {
        _app = app;
        _log = log;
        _tokenCountLog = tokenCountLog;
        _stopping = stopping;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the fake listens, e.g. <c>http://127.0.0.1:41234</c>; pass it as <c>ANTHROPIC_BASE_URL</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>How requests without directives are answered; may be changed at any time, affects later requests.</summary>
    public FakeApiBehavior Behavior
    {
        get => _behavior;
        set => _behavior = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Whether requests are recorded (the default). A long run that never looks at them (the benchmark) turns this
    /// off: every request carries the whole conversation so far, so keeping them all grows with the square of its
    /// length, to gigabytes in a few hundred turns. While off, <see cref="Requests"/> and
    /// <see cref="TokenCountRequests"/> stay as they were and the waits throw <see cref="InvalidOperationException"/>
    /// (those already waiting as it is turned off, too).
    /// </summary>
    public bool RecordsRequests
    {
        get => _log.Recording;
        set
        {
            _log.Recording = value;
            _tokenCountLog.Recording = value;
        }
    }

    /// <summary>Every request to <c>POST /v1/messages</c> so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>
    /// Every request to <c>POST /v1/messages/count_tokens</c> so far, oldest first (a snapshot). They are answered
    /// with an estimate, or not at all while <see cref="Behavior"/> says <see cref="FakeApiBehavior.HangTokenCounts"/>.
    /// </summary>
    public IReadOnlyList<RecordedRequest> TokenCountRequests => _tokenCountLog.Snapshot();

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static async Task<FakeAnthropicApi> StartAsync(CancellationToken ct = default)
    {
        // The empty builder reads no appsettings, ASPNETCORE_* variables or command line: the hosting test
        // project's Kestrel endpoints, URLs or log levels must not bind extra ports or make noise here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeAnthropicApi).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();

        // Port 0 lets the OS pick a free port, so parallel test runs never collide.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);

        var app = builder.Build();
        var log = new RequestLog();
        var tokenCountLog = new RequestLog();
        var stopping = new CancellationTokenSource();
        FakeAnthropicApi? fake = null;
        var handler = new MessagesApiHandler(log, tokenCountLog, () => fake?.Behavior ?? FakeApiBehavior.Default, stopping.Token);
        app.Run(handler.HandleAsync);

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake = new FakeAnthropicApi(app, log, tokenCountLog, stopping, new Uri(address));
        return fake;
    }

    /// <summary>
    /// The first recorded request matching <paramref name="match"/>, waiting for one to arrive if none has yet.
    /// </summary>
    /// <exception cref="TimeoutException">No matching request arrived within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="RecordsRequests"/> is off.</exception>
    public Task<RecordedRequest> WaitForRequestAsync(
        Func<RecordedRequest, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        return _log.WaitForAsync(match, timeout, cancellationToken);
    }

    /// <summary>
    /// The first recorded <c>count_tokens</c> request matching <paramref name="match"/>, waiting for one to arrive if
    /// none has yet.
    /// </summary>
    /// <exception cref="TimeoutException">No matching request arrived within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="RecordsRequests"/> is off.</exception>
    public Task<RecordedRequest> WaitForTokenCountRequestAsync(
        Func<RecordedRequest, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        return _tokenCountLog.WaitForAsync(match, timeout, cancellationToken);
    }

    /// <summary>Forgets the recorded requests, e.g. between phases of one test.</summary>
    public void ClearRequests()
    {
        _log.Clear();
        _tokenCountLog.Clear();
    }

    /// <summary>Ends hanging and slow answers by dropping their connections, then stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(ShutdownTimeout))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
