using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Benchmarks.Raw;

/// <summary>
/// Starts raw CLI processes exactly as a silo with the same <see cref="ClaudeGrainsOptions"/> starts its sessions':
/// argv from <see cref="ClaudeCliProcessFactory.BuildArguments"/>, environment from
/// <see cref="ClaudeCliProcessFactory.BuildEnvironment"/>, its own config and working directories under the same data
/// root (as a silo named "raw").
/// </summary>
internal sealed class RawCliLauncher
{
    private readonly ClaudeCliProcessFactory _factory;

    public RawCliLauncher(ClaudeGrainsOptions options) =>
        _factory = new ClaudeCliProcessFactory(Options.Create(options), NullLoggerFactory.Instance, "raw");

    public RawCliLaunch Launch(SessionOptions session, string? resumeSessionId = null)
    {
        var workingDirectory = session.WorkingDirectory ?? _factory.DefaultWorkingDirectory;
        Directory.CreateDirectory(workingDirectory);
        Directory.CreateDirectory(_factory.ConfigDirectory);
        return new RawCliLaunch(
            _factory.CliPath,
            ClaudeCliProcessFactory.BuildArguments(session, resumeSessionId),
            _factory.BuildEnvironment(),
            workingDirectory,
            ProcessReaper.NewTag(_factory.ProcessTagPrefix));
    }

    public RawCliDriver Start(SessionOptions session, string? resumeSessionId = null) => RawCliDriver.Start(Launch(session, resumeSessionId));

    /// <summary>Kills whatever raw process (or child of one) is still alive.</summary>
    public void KillLeftovers() => ProcessReaper.KillTagged(_factory.ProcessTagPrefix + ":", prefixMatch: true);
}
