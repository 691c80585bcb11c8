using Microsoft.Extensions.Configuration;

namespace ClaudeGrains.Grains.Hosting;

/// <summary>
/// Keeps the empty lists of <c>ClaudeGrains:Defaults</c> and <c>ClaudeGrains:Sessions</c> empty. The binder leaves a
/// list null when its setting is <c>[]</c> (or an empty string), and null means "not set": a configured session's
/// empty list gave way to the defaults' list, and empty <see cref="SessionOptions.SettingSources"/> (load no settings
/// files) became the CLI's default of loading them all, project hooks included.
/// </summary>
internal static class ConfiguredEmptyLists
{
    /// <summary>Sets to empty every list of <paramref name="options"/> left null whose setting in <paramref name="section"/> is empty.</summary>
    public static void Keep(ClaudeGrainsOptions options, IConfiguration section)
    {
        if (options.Defaults is { } defaults)
        {
            options.Defaults = Keep(defaults, section.GetSection(nameof(ClaudeGrainsOptions.Defaults)));
        }

        var sessions = section.GetSection(nameof(ClaudeGrainsOptions.Sessions));
        foreach (var (name, sessionOptions) in options.Sessions.ToList())
        {
            options.Sessions[name] = Keep(sessionOptions, sessions.GetSection(name));
        }
    }

    private static SessionOptions Keep(SessionOptions options, IConfiguration section) => options with
    {
        AllowedTools = Keep(options.AllowedTools, section, nameof(SessionOptions.AllowedTools)),
        DisallowedTools = Keep(options.DisallowedTools, section, nameof(SessionOptions.DisallowedTools)),
        AdditionalDirectories = Keep(options.AdditionalDirectories, section, nameof(SessionOptions.AdditionalDirectories)),
        SettingSources = Keep(options.SettingSources, section, nameof(SessionOptions.SettingSources)),
        ExtraArgs = Keep(options.ExtraArgs, section, nameof(SessionOptions.ExtraArgs)),
    };

    // An empty array reads as a key with an empty value and no children; a missing key or a JSON null has no value.
    private static IReadOnlyList<string>? Keep(IReadOnlyList<string>? bound, IConfiguration section, string key) =>
        bound is null && section[key] is "" ? [] : bound;
}
