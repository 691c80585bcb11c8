namespace ClaudeGrains.Testing;

/// <summary>Locates files of this repository from the binaries of its tests and tools, which are built inside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds <c>ClaudeGrains.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The scriptable fault-injection CLI.</summary>
    public static string FaultCli => Path.Combine(Root, "tests", "fault-cli", "fault-cli.mjs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaudeGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ClaudeGrains.sln above {AppContext.BaseDirectory}: run this from the repository it was built in.");
    }
}
