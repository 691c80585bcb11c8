using System.Buffers;
using System.Text.Json;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>Writes the lines the host sends on the CLI's stdin.</summary>
public static class CliInput
{
    /// <summary>A user prompt line: <c>{"type":"user","message":{"role":"user","content":...}}</c>.</summary>
    public static byte[] UserMessage(string prompt) => Write(w =>
    {
        w.WriteString("type", "user");
        w.WriteStartObject("message");
        w.WriteString("role", "user");
        w.WriteString("content", prompt);
        w.WriteEndObject();
    });

    /// <summary>
    /// A control request line: <c>{"type":"control_request","request_id":...,"request":{"subtype":...}}</c>;
    /// <paramref name="writeFields"/> adds further fields to the request object.
    /// </summary>
    public static byte[] ControlRequest(string requestId, string subtype, Action<Utf8JsonWriter>? writeFields = null) => Write(w =>
    {
        w.WriteString("type", "control_request");
        w.WriteString("request_id", requestId);
        w.WriteStartObject("request");
        w.WriteString("subtype", subtype);
        writeFields?.Invoke(w);
        w.WriteEndObject();
    });

    /// <summary>
    /// The host's answer to a control request the CLI sent it: a permission prompt (<c>can_use_tool</c>) is denied
    /// with <paramref name="reason"/>, any other request fails with it.
    /// </summary>
    public static byte[] Refusal(ControlRequestMessage request, string reason) => Write(w =>
    {
        w.WriteString("type", "control_response");
        w.WriteStartObject("response");
        w.WriteString("request_id", request.RequestId);
        if (request.Subtype == "can_use_tool")
        {
            w.WriteString("subtype", "success");
            w.WriteStartObject("response");
            w.WriteString("behavior", "deny");
            w.WriteString("message", reason);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("subtype", "error");
            w.WriteString("error", reason);
        }

        w.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
