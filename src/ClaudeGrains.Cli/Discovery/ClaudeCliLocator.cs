namespace ClaudeGrains.Cli.Discovery;

/// <summary>
/// Finds the <c>claude</c> executable: the configured path if one is given (then only there, so a
/// misconfiguration is reported rather than silently replaced), else the pinned
/// <c>node_modules/.bin/claude</c> in the search roots or any of their parents, else <c>claude</c> on PATH.
/// </summary>
public static class ClaudeCliLocator
{
    /// <summary>The pinned CLI, relative to the directory that holds <c>package.json</c>.</summary>
    public static readonly string PinnedRelativePath = Path.Combine("node_modules", ".bin", "claude");

    /// <summary>Locates the CLI or throws <see cref="ClaudeCliNotFoundException"/> naming every place looked.</summary>
    /// <param name="configuredPath">The configured executable, if any.</param>
    /// <param name="searchRoots">Directories searched, with their parents, for the pinned CLI.</param>
    /// <param name="pathVariable">The PATH value to search last; <see langword="null"/> skips PATH.</param>
    public static string Locate(string? configuredPath, IEnumerable<string> searchRoots, string? pathVariable)
    {
        var looked = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var full = Path.GetFullPath(configuredPath);
            if (IsExecutable(full))
            {
                return full;
            }

            looked.Add($"{full} (ClaudeGrains:Cli:Path)");
            throw new ClaudeCliNotFoundException(looked);
        }

        foreach (var root in searchRoots.Where(r => !string.IsNullOrEmpty(r)).Select(Path.GetFullPath).Distinct())
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, PinnedRelativePath);
                if (looked.Contains(candidate))
                {
                    break;
                }

                if (IsExecutable(candidate))
                {
                    return candidate;
                }

                looked.Add(candidate);
            }
        }

        foreach (var dir in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "claude.exe" : "claude");
            if (IsExecutable(candidate))
            {
                return candidate;
            }

            looked.Add(candidate);
        }

        if (pathVariable is not null)
        {
            looked.Add("'claude' on PATH");
        }

        throw new ClaudeCliNotFoundException(looked);
    }

    /// <summary>Locates the CLI from the current directory, the application directory and the process's PATH.</summary>
    public static string Locate(string? configuredPath) =>
        Locate(configuredPath, [Environment.CurrentDirectory, AppContext.BaseDirectory], Environment.GetEnvironmentVariable("PATH"));

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
