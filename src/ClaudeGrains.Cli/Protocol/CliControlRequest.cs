using System.Text.Json;

namespace ClaudeGrains.Cli.Protocol;

/// <summary>
/// A control request the host sends the CLI (a <c>control_request</c> line, see <see cref="CliInput.ControlRequest"/>):
/// its subtype and the fields of its <c>request</c> object, in the shape the official Agent SDKs send and CLI 2.1.197
/// accepts.
/// </summary>
public sealed record CliControlRequest
{
    private CliControlRequest(string subtype, Action<Utf8JsonWriter>? writeFields)
    {
        Subtype = subtype;
        WriteFields = writeFields;
    }

    /// <summary>The request's <c>subtype</c>.</summary>
    public string Subtype { get; }

    /// <summary>Writes the request's further fields, if it has any.</summary>
    public Action<Utf8JsonWriter>? WriteFields { get; }

    /// <summary>
    /// <c>get_binary_version</c>: answered as soon as the CLI reads its input, with no effect on the session, so
    /// an answer shows the process has finished booting.
    /// </summary>
    public static CliControlRequest GetBinaryVersion { get; } = new("get_binary_version", null);

    /// <summary>
    /// <c>get_context_usage</c>: how the context window would be spent. Answering it makes the CLI build its tool
    /// definitions and system prompt, work a never-used process otherwise does inside its first turn, and ask the
    /// API's <c>count_tokens</c> endpoint about them; the conversation is left as it was (on CLI 2.1.197 the next
    /// API request is the same, byte for byte, with or without it).
    /// </summary>
    public static CliControlRequest GetContextUsage { get; } = new("get_context_usage", null);

    /// <summary>
    /// <c>reload_plugins</c>: the CLI loads its commands, agents and plugins again and answers with them (after a
    /// <c>system</c> <c>commands_changed</c> line). On a process that has never run a turn that runs code its first
    /// turn otherwise runs cold; it asks no API (unless <c>CLAUDE_CODE_SYNC_PLUGINS</c> has it install plugins), and
    /// the conversation is left as it was (on CLI 2.1.197 the next API request is the same, apart from its ids).
    /// </summary>
    public static CliControlRequest ReloadPlugins { get; } = new("reload_plugins", null);

    /// <summary>
    /// <c>initialize</c>: the SDK handshake, accepted once per process and before the first prompt.
    /// <paramref name="systemPrompt"/> replaces the default system prompt exactly as <c>--system-prompt</c> does
    /// (sent as a string: the array form the CLI also takes keeps the Claude Code preamble), and
    /// <paramref name="appendSystemPrompt"/> is appended as <c>--append-system-prompt</c> is. Omitted when null.
    /// </summary>
    public static CliControlRequest Initialize(string? systemPrompt, string? appendSystemPrompt) => new("initialize", w =>
    {
        if (systemPrompt is not null)
        {
            w.WriteString("systemPrompt", systemPrompt);
        }

        if (appendSystemPrompt is not null)
        {
            w.WriteString("appendSystemPrompt", appendSystemPrompt);
        }
    });

    /// <summary>
    /// <c>set_model</c>: the model of later turns; null goes back to the CLI's default. The CLI records the change in
    /// the conversation as a <c>/model</c> command note, which the model then sees.
    /// </summary>
    public static CliControlRequest SetModel(string? model) => new("set_model", w =>
    {
        if (model is not null)
        {
            w.WriteString("model", model);
        }
    });

    /// <summary>
    /// <c>set_permission_mode</c> with the mode in the CLI's spelling (<c>acceptEdits</c>, <c>plan</c>, ...). The CLI
    /// refuses <c>bypassPermissions</c> unless the process was launched allowing it.
    /// </summary>
    public static CliControlRequest SetPermissionMode(string mode) => new("set_permission_mode", w => w.WriteString("mode", mode));

    /// <summary>The line to write on the CLI's stdin for this request.</summary>
    public byte[] ToLine(string requestId) => CliInput.ControlRequest(requestId, Subtype, WriteFields);
}
