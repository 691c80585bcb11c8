namespace ClaudeGrains.Cli.Discovery;

/// <summary>The <c>claude</c> executable was not found in any of the places looked.</summary>
public sealed class ClaudeCliNotFoundException : Exception
{
    /// <summary>The command that installs the pinned CLI.</summary>
    public const string InstallCommand = "npm ci";

    /// <summary>Creates the exception, naming every place looked.</summary>
    public ClaudeCliNotFoundException(IReadOnlyList<string> placesLooked)
        : base(BuildMessage(placesLooked))
    {
        PlacesLooked = placesLooked;
    }

    /// <summary>Every path that was checked, in order.</summary>
    public IReadOnlyList<string> PlacesLooked { get; }

    private static string BuildMessage(IReadOnlyList<string> placesLooked) =>
        "The Claude Code CLI ('claude') was not found. Looked in: " + string.Join("; ", placesLooked) +
        $". Install the pinned CLI with '{InstallCommand}' in the repository root, or set ClaudeGrains:Cli:Path to the executable.";
}
