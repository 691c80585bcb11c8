namespace ClaudeGrains.Benchmarks.Infrastructure;

/// <summary>Finds the repository root (the folder with ClaudeGrains.sln) from the working or application directory.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ClaudeGrains.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the ClaudeGrains repository.");
    }
}
