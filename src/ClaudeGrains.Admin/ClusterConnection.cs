using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaudeGrains.Admin;

/// <summary>An Orleans client connected to the cluster's gateways, for one command.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    /// <summary>The connected client.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The session manager.</summary>
    public IClaudeSessionManagerGrain Manager => Client.GetGrain<IClaudeSessionManagerGrain>(ClaudeSessionManager.Key);

    /// <summary>
    /// Connects through Redis membership when <paramref name="redis"/> is given, else to <paramref name="gateways"/>
    /// (host:port); fails with a one-line reason.
    /// </summary>
    /// <exception cref="AdminFailure">No gateway answered.</exception>
    public static async Task<ClusterConnection> ConnectAsync(IReadOnlyList<IPEndPoint> gateways, string? redis, string clusterId, string serviceId, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders(); // the tool reports failures itself, in one line
        builder.UseOrleansClient(client =>
        {
            if (redis is null)
            {
                client.UseStaticClustering(gateways.ToArray());
            }
            else
            {
                client.UseRedisClustering(options => options.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
            }

            client.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            })
            .AddMemoryStreams(ClaudeStreams.ProviderName);
        });
        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var why = ex is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:0} s" : ex.Message;
            var where = redis is null ? string.Join(", ", gateways) : $"redis {redis}";
            throw new AdminFailure($"cluster unreachable at {where} ({why})");
        }
    }

    /// <summary>Parses <c>host:port</c>, resolving the host.</summary>
    /// <exception cref="ArgumentException">Not <c>host:port</c>, or the host has no address.</exception>
    public static IPEndPoint ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"'{text}' is not a gateway (expected host:port)");
        }

        var host = text[..colon];
        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        if (IPAddress.TryParse(host, out var parsed))
        {
            return new IPEndPoint(parsed, port);
        }

        try
        {
            var address = Dns.GetHostAddresses(host).FirstOrDefault()
                ?? throw new ArgumentException($"gateway host '{host}' has no address");
            return new IPEndPoint(address, port);
        }
        catch (SocketException ex)
        {
            throw new ArgumentException($"gateway host '{host}' cannot be resolved ({ex.Message})");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
    }
}
