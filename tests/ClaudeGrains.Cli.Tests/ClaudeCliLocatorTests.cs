using ClaudeGrains.Cli.Discovery;

namespace ClaudeGrains.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClaudeCliLocatorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("claudegrains-locator-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void The_configured_path_wins_and_is_the_only_place_looked()
    {
        var configured = MakeExecutable(Path.Combine(_root.FullName, "custom", "claude"));
        MakeExecutable(Path.Combine(_root.FullName, ClaudeCliLocator.PinnedRelativePath));

        Assert.Equal(configured, ClaudeCliLocator.Locate(configured, [_root.FullName], null));
    }

    [Fact]
    public void A_missing_configured_path_is_an_error_naming_it()
    {
        MakeExecutable(Path.Combine(_root.FullName, ClaudeCliLocator.PinnedRelativePath));
        var missing = Path.Combine(_root.FullName, "nope", "claude");

        var error = Assert.Throws<ClaudeCliNotFoundException>(() => ClaudeCliLocator.Locate(missing, [_root.FullName], null));

        Assert.Contains(missing, error.Message);
        Assert.Contains("ClaudeGrains:Cli:Path", error.Message);
    }

    [Fact]
    public void The_pinned_cli_is_found_from_a_subdirectory()
    {
        var pinned = MakeExecutable(Path.Combine(_root.FullName, ClaudeCliLocator.PinnedRelativePath));
        var deep = Directory.CreateDirectory(Path.Combine(_root.FullName, "tests", "bin", "Debug")).FullName;

        Assert.Equal(pinned, ClaudeCliLocator.Locate(null, [deep], "/nonexistent-path-dir"));
    }

    [Fact]
    public void Path_is_searched_last()
    {
        var onPath = MakeExecutable(Path.Combine(_root.FullName, "bin", "claude"));
        var searchRoot = Directory.CreateDirectory(Path.Combine(_root.FullName, "empty")).FullName;

        Assert.Equal(onPath, ClaudeCliLocator.Locate(null, [searchRoot], "/nonexistent-dir" + Path.PathSeparator + Path.Combine(_root.FullName, "bin")));
    }

    [Fact]
    public void A_file_without_execute_permission_is_not_taken()
    {
        var notExecutable = Path.Combine(_root.FullName, "bin", "claude");
        Directory.CreateDirectory(Path.GetDirectoryName(notExecutable)!);
        File.WriteAllText(notExecutable, "#!/bin/sh\n");
        File.SetUnixFileMode(notExecutable, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Throws<ClaudeCliNotFoundException>(() => ClaudeCliLocator.Locate(null, [], Path.Combine(_root.FullName, "bin")));
    }

    [Fact]
    public void Not_found_names_every_place_looked_and_the_install_command()
    {
        var searchRoot = Directory.CreateDirectory(Path.Combine(_root.FullName, "a", "b")).FullName;
        var pathDir = Path.Combine(_root.FullName, "pathdir");

        var error = Assert.Throws<ClaudeCliNotFoundException>(() => ClaudeCliLocator.Locate(null, [searchRoot], pathDir));

        Assert.Contains(Path.Combine(searchRoot, ClaudeCliLocator.PinnedRelativePath), error.PlacesLooked);
        Assert.Contains(Path.Combine(_root.FullName, "a", ClaudeCliLocator.PinnedRelativePath), error.PlacesLooked);
        Assert.Contains(Path.Combine(pathDir, "claude"), error.PlacesLooked);
        Assert.Contains("npm ci", error.Message);
        Assert.All(error.PlacesLooked, place => Assert.Contains(place, error.Message));
    }

    private static string MakeExecutable(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
