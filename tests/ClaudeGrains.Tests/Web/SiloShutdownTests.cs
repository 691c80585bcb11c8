using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>The silo host (silo/) as a process stops without waiting for the browsers that watch its sessions.</summary>
public sealed class SiloShutdownTests : IAsyncLifetime
{
    private readonly SiloHosts _hosts = new("shutdown");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Stopping_the_silo_ends_an_open_event_stream_cleanly()
    {
        var (silo, web) = await _hosts.StartAsync([]);
        using var http = new HttpClient { BaseAddress = web };
        using var events = await http.WatchEventsAsync(UniqueName.For("watched"));

        var stopping = silo.StopAsync();

        // The stream ends as a finished response, not cut off when the host's shutdown timeout ran out.
        var rest = new List<ServerSentEventReader.Frame>();
        while (await events.NextAsync() is { } frame)
        {
            rest.Add(frame);
        }

        await stopping;
        Assert.All(rest, frame => Assert.Null(frame.Event)); // keep-alives at most
    }
}
