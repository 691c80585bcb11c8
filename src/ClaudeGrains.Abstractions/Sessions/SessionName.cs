namespace ClaudeGrains;

/// <summary>Rules for session names (the grain key), shared by clients and silos.</summary>
public static class SessionName
{
    /// <summary>The longest accepted session name, in UTF-16 code units.</summary>
    public const int MaxLength = 256;

    /// <summary>Returns why <paramref name="name"/> is not a valid session name, or <see langword="null"/> if it is.</summary>
    public static string? GetError(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Session name must not be empty or whitespace.";
        }

        if (name.Length > MaxLength)
        {
            return $"Session name is {name.Length} characters long; the maximum is {MaxLength}.";
        }

        if (name is "." or "..")
        {
            // Browsers and Kestrel resolve these (escaped or not) as a URL's dot segments, so the HTTP API and the web
            // UI could create such a session and never reach it again.
            return $"Session name must not be '{name}': a URL path cannot carry it.";
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsControl(name[i]))
            {
                return $"Session name contains a control character (U+{(int)name[i]:X4}) at position {i}.";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid session name.</summary>
    public static void Validate(string? name)
    {
        var error = GetError(name);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(name));
        }
    }
}
