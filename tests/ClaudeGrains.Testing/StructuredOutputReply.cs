using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeGrains.Testing;

/// <summary>
/// Answers structured-output requests with JSON that satisfies their schema, because the CLI parses these
/// answers (e.g. <c>{"title": ...}</c> for session titles) and the real API guarantees they parse.
/// </summary>
internal static class StructuredOutputReply
{
    /// <summary>An object with every declared property: strings carry <paramref name="text"/>, other types a neutral value.</summary>
    public static string Build(string schemaJson, string text)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        return ValueFor(schema.RootElement, text, depth: 0)?.ToJsonString() ?? "{}";
    }

    private static JsonNode? ValueFor(JsonElement schema, string text, int depth)
    {
        // Schemas can be recursive through $ref; the fake does not resolve refs, but stays finite regardless.
        if (depth > 8 || schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
        {
            return JsonNode.Parse(options[0].GetRawText());
        }

        var type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "object";
        switch (type)
        {
            case "string":
                return JsonValue.Create(text);
            case "integer":
            case "number":
                return JsonValue.Create(0);
            case "boolean":
                return JsonValue.Create(false);
            case "array":
                return new JsonArray();
            case "null":
                return null;
        }

        var result = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                result[property.Name] = ValueFor(property.Value, text, depth + 1);
            }
        }

        return result;
    }
}
