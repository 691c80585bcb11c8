using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace ClaudeGrains.Grains.Sessions;

/// <summary>
/// Stamps each event of a query (query id, gap-free sequence, session name) and delivers it to the caller and to
/// the session's Orleans stream. A failing stream never fails the query.
/// </summary>
internal sealed class SessionEventPublisher(string sessionName, IAsyncStream<ClaudeEvent>? stream, ILogger logger)
{
    public async Task PublishAsync(PendingQuery query, ClaudeEvent @event, bool toCaller = true)
    {
        var stamped = @event with { QueryId = query.Id, Sequence = query.NextSequence++, SessionName = sessionName };
        if (toCaller)
        {
            query.Emit(stamped);
        }

        if (stream is null)
        {
            return;
        }

        try
        {
            await stream.OnNextAsync(stamped);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Session {SessionName}: could not publish an event on its stream", sessionName);
        }
    }

    public async Task PublishAllAsync(PendingQuery query, IEnumerable<ClaudeEvent> events)
    {
        foreach (var @event in events)
        {
            await PublishAsync(query, @event);
        }
    }
}
