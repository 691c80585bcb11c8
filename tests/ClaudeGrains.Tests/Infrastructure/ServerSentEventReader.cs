using System.Text;
using System.Text.Json;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Reads a <c>text/event-stream</c> response frame by frame, as a browser's EventSource would.</summary>
public sealed class ServerSentEventReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>One frame: an event (name and JSON data) or, when <see cref="Event"/> is null, a comment.</summary>
    public sealed record Frame(string? Event, string? Id, string Data)
    {
        public JsonElement Json => JsonDocument.Parse(Data).RootElement;
    }

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public async Task<Frame?> NextAsync(CancellationToken cancellationToken = default)
    {
        string? name = null, id = null;
        var data = new StringBuilder();
        var any = false;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new Frame(name, id, data.ToString());
                }

                continue;
            }

            any = true;
            if (line.StartsWith(':'))
            {
                data.Append(line[1..].Trim());
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        return null;
    }

    /// <summary>Frames until (and including) the first event named <paramref name="eventName"/>.</summary>
    public async Task<List<Frame>> ReadUntilAsync(string eventName, CancellationToken cancellationToken = default)
    {
        var frames = new List<Frame>();
        while (await NextAsync(cancellationToken) is { } frame)
        {
            frames.Add(frame);
            if (frame.Event == eventName)
            {
                break;
            }
        }

        return frames;
    }

    public void Dispose() => _reader.Dispose();
}
