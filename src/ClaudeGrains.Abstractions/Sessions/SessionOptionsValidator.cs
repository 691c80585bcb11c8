using System.Text;
using System.Text.Json;

namespace ClaudeGrains;

/// <summary>Checks <see cref="SessionOptions"/> field by field; the first problem found is reported.</summary>
internal static class SessionOptionsValidator
{
    private const int MaxModelNameLength = 256;

    public static (string Field, string Message)? GetError(SessionOptions options)
    {
        return Text(nameof(SessionOptions.SystemPrompt), options.SystemPrompt)
            ?? Text(nameof(SessionOptions.AppendSystemPrompt), options.AppendSystemPrompt)
            ?? ModelName(nameof(SessionOptions.Model), options.Model)
            ?? ModelName(nameof(SessionOptions.FallbackModel), options.FallbackModel)
            ?? Check(nameof(SessionOptions.MaxTurns), options.MaxTurns is null or >= 1, $"must be at least 1 (was {options.MaxTurns}).")
            ?? Check(nameof(SessionOptions.MaxBudgetUsd), options.MaxBudgetUsd is null or > 0, $"must be greater than 0 (was {options.MaxBudgetUsd}).")
            ?? Tokens(nameof(SessionOptions.AllowedTools), options.AllowedTools)
            ?? Tokens(nameof(SessionOptions.DisallowedTools), options.DisallowedTools)
            ?? Paths(nameof(SessionOptions.AdditionalDirectories), options.AdditionalDirectories)
            ?? Check(nameof(SessionOptions.PermissionMode), options.PermissionMode is null || Enum.IsDefined(options.PermissionMode.Value), $"'{options.PermissionMode}' is not a known permission mode.")
            ?? Path(nameof(SessionOptions.WorkingDirectory), options.WorkingDirectory)
            ?? McpConfig(options.McpConfigJson)
            ?? SettingSources(options.SettingSources)
            ?? Duration(nameof(SessionOptions.QueryTimeout), options.QueryTimeout)
            ?? Texts(nameof(SessionOptions.ExtraArgs), options.ExtraArgs)
            ?? Duration(nameof(SessionOptions.InactivityTimeout), options.InactivityTimeout)
            ?? Duration(nameof(SessionOptions.IdleTimeout), options.IdleTimeout);
    }

    public static (string Field, string Message)? Duration(string field, TimeSpan? value) =>
        Check(field, value is null || (value > TimeSpan.Zero && value <= SessionOptions.MaxTimeout), $"must be greater than zero and at most {SessionOptions.MaxTimeout} (was {value}).");

    private static (string, string)? Check(string field, bool ok, string message) => ok ? null : (field, $"{field} {message}");

    // A NUL cannot be passed in an argv entry, so it would silently truncate the value.
    private static (string, string)? Text(string field, string? value) =>
        Check(field, value is null || !value.Contains('\0'), "must not contain a NUL character.") ?? ArgumentSize(field, value);

    // Checked here rather than when the process starts: a pooled process takes the prompts through the control
    // protocol, so a session would answer its first query and then fail every resume, which needs the command line.
    private static (string, string)? ArgumentSize(string field, string? value) =>
        value is null || Encoding.UTF8.GetByteCount(value) <= SessionOptions.MaxArgumentBytes
            ? null
            : (field, $"{field} must be at most {SessionOptions.MaxArgumentBytes:N0} bytes in UTF-8 (was {Encoding.UTF8.GetByteCount(value):N0}): it is passed on the CLI's command line, where Linux allows at most 128 KiB per argument.");

    private static (string, string)? Texts(string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return null;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var error = Check($"{field}[{i}]", values[i] is not null && !values[i].Contains('\0'), "must be a string without NUL characters.")
                ?? ArgumentSize($"{field}[{i}]", values[i]);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static (string, string)? ModelName(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return Check(field, value.Length is > 0 and <= MaxModelNameLength && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)),
            $"must be a model name of 1 to {MaxModelNameLength} characters without spaces or control characters.");
    }

    private static (string, string)? Tokens(string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return null;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var error = Check($"{field}[{i}]", !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl), "must be a non-empty tool name without control characters.")
                ?? ArgumentSize($"{field}[{i}]", value);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static (string, string)? Path(string field, string? value) =>
        Check(field, value is null || (!value.Contains('\0') && System.IO.Path.IsPathFullyQualified(value)), $"must be an absolute path (was '{value}').");

    private static (string, string)? Paths(string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return null;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var error = Path($"{field}[{i}]", values[i]) ?? ArgumentSize($"{field}[{i}]", values[i]);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static (string, string)? McpConfig(string? json)
    {
        const string field = nameof(SessionOptions.McpConfigJson);
        if (json is null)
        {
            return null;
        }

        if (ArgumentSize(field, json) is { } tooLarge)
        {
            return tooLarge;
        }

        try
        {
            // The CLI exits at start on a configuration without an mcpServers object, which would fault the session.
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return Check(field,
                root.ValueKind == JsonValueKind.Object && root.TryGetProperty("mcpServers", out var servers) && servers.ValueKind == JsonValueKind.Object,
                "must be a JSON object with an \"mcpServers\" object, such as {\"mcpServers\":{\"name\":{\"command\":\"...\"}}}.");
        }
        catch (JsonException ex)
        {
            return (field, $"{field} is not valid JSON: {ex.Message}");
        }
    }

    private static (string, string)? SettingSources(IReadOnlyList<string>? values)
    {
        const string field = nameof(SessionOptions.SettingSources);
        if (values is null)
        {
            return null;
        }

        foreach (var value in values)
        {
            if (!SessionOptions.KnownSettingSources.Contains(value))
            {
                return (field, $"{field} contains '{value}'; allowed values are {string.Join(", ", SessionOptions.KnownSettingSources)}.");
            }
        }

        return null;
    }
}
