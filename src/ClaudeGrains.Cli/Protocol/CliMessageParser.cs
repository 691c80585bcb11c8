using System.Text;
using System.Text.Json;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>Parses one stdout line of the CLI into a typed <see cref="CliMessage"/>.</summary>
public static class CliMessageParser
{
    /// <summary>
    /// Parses <paramref name="line"/> (UTF-8 JSON, without the newline). An unknown <c>type</c> gives an
    /// <see cref="UnknownMessage"/>; only a line that is not a JSON object fails.
    /// </summary>
    /// <returns><see langword="true"/> with <paramref name="message"/> set, or <see langword="false"/> with <paramref name="error"/> set.</returns>
    public static bool TryParse(ReadOnlySpan<byte> line, out CliMessage? message, out string? error)
    {
        message = null;
        if (LoneSurrogates.Repair(line) is { } repaired)
        {
            line = repaired;
        }

        try
        {
            var type = ReadType(line);
            message = type switch
            {
                "system" => JsonSerializer.Deserialize(line, CliJsonContext.Default.SystemMessage),
                "assistant" => JsonSerializer.Deserialize(line, CliJsonContext.Default.AssistantMessage),
                "user" => JsonSerializer.Deserialize(line, CliJsonContext.Default.UserMessage),
                "result" => JsonSerializer.Deserialize(line, CliJsonContext.Default.ResultMessage),
                "stream_event" => JsonSerializer.Deserialize(line, CliJsonContext.Default.StreamEventMessage),
                "control_request" => JsonSerializer.Deserialize(line, CliJsonContext.Default.ControlRequestMessage),
                "control_response" => JsonSerializer.Deserialize(line, CliJsonContext.Default.ControlResponseMessage),
                _ => new UnknownMessage { Type = type ?? "", RawJson = Encoding.UTF8.GetString(line) },
            };
            error = message is null ? "The line is JSON null." : null;
            return message is not null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // A line the CLI should never write must not take the reader down with it.
            error = $"Not a stream-json message: {ex.Message}";
            message = null;
            return false;
        }
    }

    /// <summary>Parses <paramref name="line"/> or throws <see cref="JsonException"/>.</summary>
    public static CliMessage Parse(string line)
    {
        return TryParse(Encoding.UTF8.GetBytes(line), out var message, out var error) ? message! : throw new JsonException(error);
    }

    // Reads only the top-level "type" so the line is deserialized once, straight into its own record type.
    private static string? ReadType(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = CliJsonContext.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The line is not a JSON object.");
        }

        string? type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                type = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("The line holds more than one JSON value or is truncated.");
        }

        return type;
    }
}
