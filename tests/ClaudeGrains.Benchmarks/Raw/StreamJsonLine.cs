using System.Text.Json;

namespace ClaudeGrains.Benchmarks.Raw;

/// <summary>
/// What the floor needs to know of a stdout line, found as cheaply as possible: the CLI writes <c>"type"</c> first,
/// so a prefix check answers almost every line without parsing it.
/// </summary>
internal static class StreamJsonLine
{
    private const string TypePrefix = "{\"type\":\"";

    public static string? TypeOf(string line)
    {
        if (line.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            var end = line.IndexOf('"', TypePrefix.Length);
            if (end > 0)
            {
                return line[TypePrefix.Length..end];
            }
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsTextDelta(string line) => line.Contains("\"text_delta\"", StringComparison.Ordinal);

    /// <summary>The session id and error flag of a <c>result</c> line.</summary>
    public static (string? SessionId, bool IsError) ReadResult(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return (root.TryGetProperty("session_id", out var id) ? id.GetString() : null,
            root.TryGetProperty("is_error", out var error) && error.ValueKind == JsonValueKind.True);
    }
}
