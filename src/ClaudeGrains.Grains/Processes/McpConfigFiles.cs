using System.Text;

namespace ClaudeGrains.Grains.Processes;

/// <summary>
/// Hands a session's MCP configuration to its CLI in a file that only the silo's user can read. On the command line
/// it would be readable by every local user (<c>ps</c>, <c>/proc/PID/cmdline</c>), and MCP configurations carry
/// servers' tokens and headers. A file lives as long as its process; the janitor removes those a dead silo left.
/// </summary>
public sealed class McpConfigFiles(string directory)
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Where the files are kept: a directory of their own, so that leftovers can be swept as a whole.</summary>
    public string Directory { get; } = directory;

    /// <summary>Writes <paramref name="json"/> to a new file readable by this user only, and returns its path.</summary>
    public string Write(string json)
    {
        var path = Path.Combine(Directory, $"{Guid.NewGuid():N}.json");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            // A directory under the user's data root is private there already.
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            // Created with its mode rather than chmod-ed after, so there is no moment at which others could read it.
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using var file = new FileStream(path, options);
        file.Write(Encoding.UTF8.GetBytes(json));
        return path;
    }

    /// <summary>Removes one file; a file already gone is fine.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Swept with the rest at the silo's next start or stop.
        }
    }

    /// <summary>Removes every file; returns how many there were. Only once no process of this silo can need them.</summary>
    public int DeleteAll()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var files = System.IO.Directory.GetFiles(Directory, "*.json");
        foreach (var file in files)
        {
            Delete(file);
        }

        return files.Length;
    }
}
