using System.Security.Cryptography;
using System.Text;
using ClaudeGrains.Cli.Arguments;
using ClaudeGrains.Cli.Discovery;
using ClaudeGrains.Cli.Transport;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Grains.Processes;

/// <summary>
/// Starts CLI processes for the sessions of this silo: finds the executable, builds argv and environment,
/// and gives every process this silo's own config directory.
/// </summary>
public sealed class ClaudeCliProcessFactory
{
    private readonly ClaudeGrainsOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private string? _cliPath;

    /// <summary>Creates the factory for the silo named <paramref name="siloName"/>.</summary>
    public ClaudeCliProcessFactory(IOptions<ClaudeGrainsOptions> options, ILoggerFactory loggerFactory, string siloName)
    {
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ClaudeCliProcessFactory>();
        SiloDataDirectory = Path.GetFullPath(Path.Combine(_options.DataRoot, SafeDirectoryName(siloName)));
        ConfigDirectory = Path.Combine(SiloDataDirectory, "claude-config");
        DefaultWorkingDirectory = Path.Combine(SiloDataDirectory, "workspace");
        McpConfigFiles = new McpConfigFiles(Path.Combine(SiloDataDirectory, "mcp-config"));
        ProcessTagPrefix = "claudegrains-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SiloDataDirectory)))[..16];
    }

    /// <summary>This silo's data directory.</summary>
    public string SiloDataDirectory { get; }

    /// <summary>The CLI's <c>CLAUDE_CONFIG_DIR</c> (settings and conversation transcripts) for this silo.</summary>
    public string ConfigDirectory { get; }

    /// <summary>Working directory of sessions that set none.</summary>
    public string DefaultWorkingDirectory { get; }

    /// <summary>The files that hand sessions' MCP configurations to their processes.</summary>
    public McpConfigFiles McpConfigFiles { get; }

    /// <summary>Prefix of the tags of every process this silo's data root starts (see <see cref="ProcessReaper"/>).</summary>
    public string ProcessTagPrefix { get; }

    /// <summary>The CLI executable; located once and then cached.</summary>
    /// <exception cref="ClaudeSessionException">With <see cref="ClaudeErrorCode.CliNotFound"/>.</exception>
    public string CliPath
    {
        get
        {
            if (_cliPath is null)
            {
                try
                {
                    _cliPath = ClaudeCliLocator.Locate(_options.Cli.Path);
                    _logger.LogInformation("Using Claude Code CLI at {CliPath}", _cliPath);
                }
                catch (ClaudeCliNotFoundException ex)
                {
                    throw new ClaudeSessionException(ClaudeErrorCode.CliNotFound, ex.Message);
                }
            }

            return _cliPath;
        }
    }

    /// <summary>
    /// The argv a session with <paramref name="options"/> is started with, given the file holding its MCP
    /// configuration (<paramref name="mcpConfigFile"/>; without one the JSON itself goes on the command line).
    /// </summary>
    public static IReadOnlyList<string> BuildArguments(SessionOptions options, string? resumeSessionId, string? mcpConfigFile = null) =>
        ClaudeCliArgumentBuilder.Build(SessionOptionsMapper.ToCliArguments(options, resumeSessionId, mcpConfigFile));

    /// <summary>Starts a CLI process for session <paramref name="sessionName"/>.</summary>
    /// <exception cref="ClaudeSessionException">The CLI is missing or could not be started.</exception>
    public ClaudeCliProcess Start(string sessionName, SessionOptions options, string? resumeSessionId)
    {
        try
        {
            var process = Launch(options, resumeSessionId);
            _logger.LogInformation("Started CLI process {ProcessId} for session {SessionName}{Resume}",
                process.ProcessId, sessionName, resumeSessionId is null ? "" : " (resuming its conversation)");
            return process;
        }
        catch (Exception ex) when (ex is not ClaudeSessionException)
        {
            _logger.LogError(ex, "Could not start the CLI for session {SessionName}", sessionName);
            throw new ClaudeSessionException(ClaudeErrorCode.CliStartFailed,
                $"The CLI for session '{sessionName}' could not be started from '{CliPath}' in '{WorkingDirectoryOf(options)}': {ex.Message}")
            {
                SessionName = sessionName,
            };
        }
    }

    /// <summary>Starts a CLI process for the warm pool, launched with <paramref name="launchOptions"/> and no conversation.</summary>
    /// <exception cref="Exception">The CLI is missing or could not be started.</exception>
    public ClaudeCliProcess StartPooled(SessionOptions launchOptions)
    {
        var process = Launch(launchOptions, resumeSessionId: null);
        _logger.LogDebug("Started CLI process {ProcessId} for the warm pool", process.ProcessId);
        return process;
    }

    private ClaudeCliProcess Launch(SessionOptions options, string? resumeSessionId)
    {
        var workingDirectory = WorkingDirectoryOf(options);
        if (options.WorkingDirectory is null)
        {
            Directory.CreateDirectory(workingDirectory);
        }

        Directory.CreateDirectory(ConfigDirectory);
        var mcpConfigFile = options.McpConfigJson is { } mcpConfig ? McpConfigFiles.Write(mcpConfig) : null;
        ClaudeCliProcess process;
        try
        {
            var startOptions = new ClaudeCliProcessOptions
            {
                ExecutablePath = CliPath,
                Arguments = BuildArguments(options, resumeSessionId, mcpConfigFile),
                WorkingDirectory = workingDirectory,
                Environment = BuildEnvironment(),
                MaxLineBytes = _options.Cli.MaxLineBytes,
                StderrTailChars = _options.Cli.StderrTailChars,
                TerminateGrace = _options.Cli.TerminateGracePeriod,
                ProcessTag = ProcessReaper.NewTag(ProcessTagPrefix),
            };

            process = ClaudeCliProcess.Start(startOptions, _loggerFactory.CreateLogger<ClaudeCliProcess>());
        }
        catch when (mcpConfigFile is not null)
        {
            McpConfigFiles.Delete(mcpConfigFile);
            throw;
        }

        if (mcpConfigFile is not null)
        {
            // Kept while the process lives: nothing tells when the CLI has read it for the last time.
            // Synchronously, so that it is gone by the time whoever stops the process hears that it exited.
            _ = process.Exited.ContinueWith(_ => McpConfigFiles.Delete(mcpConfigFile), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return process;
    }

    private string WorkingDirectoryOf(SessionOptions options) => options.WorkingDirectory ?? DefaultWorkingDirectory;

    /// <summary>
    /// The environment changes every CLI process of this silo gets (a <see langword="null"/> value removes the
    /// variable); public so that a benchmark's direct driver can start the CLI exactly as the sessions do.
    /// </summary>
    public Dictionary<string, string?> BuildEnvironment()
    {
        var environment = new Dictionary<string, string?>(_options.Cli.Environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)))
        {
            // Set when the host itself runs under Claude Code; the child must not think it is nested.
            ["CLAUDECODE"] = null,
            ["CLAUDE_CONFIG_DIR"] = ConfigDirectory,
            ["DISABLE_AUTOUPDATER"] = "1",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        };

        // An explicitly empty key means "none": the child must not inherit one from the host either.
        environment["ANTHROPIC_API_KEY"] = _options.EffectiveApiKey();
        if (_options.EffectiveBaseUrl() is { } baseUrl)
        {
            environment["ANTHROPIC_BASE_URL"] = baseUrl;
        }

        return environment;
    }

    private static string SafeDirectoryName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
