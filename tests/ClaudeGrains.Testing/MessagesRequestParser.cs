using System.Text.Json;

namespace ClaudeGrains.Testing;

/// <summary>Turns a raw Messages API request body into a <see cref="RecordedRequest"/>.</summary>
internal static class MessagesRequestParser
{
    /// <summary>Parses <paramref name="rawBody"/>; throws <see cref="JsonException"/> when it is not a JSON object.</summary>
    public static RecordedRequest Parse(string path, string rawBody, bool hasApiKey)
    {
        using var document = JsonDocument.Parse(rawBody);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The request body must be a JSON object.");
        }

        var messages = new List<RecordedMessage>();
        var lastUserText = "";
        if (root.TryGetProperty("messages", out var messagesElement) && messagesElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messagesElement.EnumerateArray())
            {
                var role = StringProperty(message, "role");
                var content = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var c) ? c : default;
                var texts = TextsOf(content);
                messages.Add(new RecordedMessage(role, string.Join("\n", texts)));
                if (role == "user")
                {
                    // The CLI puts <system-reminder> blocks first and the typed prompt last.
                    lastUserText = texts.Count > 0 ? texts[^1] : "";
                }
            }
        }

        var system = root.TryGetProperty("system", out var systemElement) ? string.Join("\n", TextsOf(systemElement)) : "";
        return new RecordedRequest
        {
            Path = path,
            Model = StringProperty(root, "model"),
            SystemPrompt = system,
            Messages = messages,
            MessageCount = messages.Count(m => m.Role is "user" or "assistant"),
            LastUserText = lastUserText,
            HasApiKey = hasApiKey,
            Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            OutputJsonSchema = OutputSchemaOf(root),
            RawBody = rawBody,
        };
    }

    /// <summary>
    /// The JSON schema of a structured-output request: <c>output_config.format</c> in current API versions,
    /// top-level <c>output_format</c> in the older beta.
    /// </summary>
    private static string? OutputSchemaOf(JsonElement root)
    {
        var format = root.TryGetProperty("output_config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("format", out var configFormat)
                ? configFormat
                : root.TryGetProperty("output_format", out var betaFormat) ? betaFormat : default;
        return StringProperty(format, "type") == "json_schema"
            && format.TryGetProperty("schema", out var schema)
            && schema.ValueKind == JsonValueKind.Object
                ? schema.GetRawText()
                : null;
    }

    /// <summary>Text pieces of a content value that is either a plain string or an array of blocks.</summary>
    private static List<string> TextsOf(JsonElement content)
    {
        var texts = new List<string>();
        if (content.ValueKind == JsonValueKind.String)
        {
            texts.Add(content.GetString() ?? "");
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (block.ValueKind == JsonValueKind.String)
                {
                    texts.Add(block.GetString() ?? "");
                }
                else if (StringProperty(block, "type") == "text")
                {
                    texts.Add(StringProperty(block, "text"));
                }
            }
        }

        return texts;
    }

    private static string StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : "";
}
