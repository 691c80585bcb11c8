using System.Text;
using ClaudeGrains.Grains.Hosting;
using ClaudeGrains.Grains.Management;
using ClaudeGrains.Grains.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Tests.Hosting;

/// <summary>Session options in the silo's configuration: an empty list there is an empty list, not a missing one.</summary>
public sealed class ConfiguredSessionOptionsTests
{
    private const string Settings = """
        {
          "ClaudeGrains": {
            "Defaults": { "SettingSources": [ "user" ], "AllowedTools": [ "Bash" ] },
            "Sessions": {
              "bare": { "SettingSources": [], "AllowedTools": [] },
              "inheriting": { "Model": "claude-own" }
            }
          }
        }
        """;

    [Fact]
    public void A_configured_session_with_empty_lists_overrides_the_defaults_and_loads_no_settings()
    {
        var options = Read(Settings);

        var bare = SessionOptionsDefaults.Apply(options.Sessions["bare"], options.Defaults);
        var inheriting = SessionOptionsDefaults.Apply(options.Sessions["inheriting"], options.Defaults);

        Assert.Empty(bare.SettingSources!);
        Assert.Empty(bare.AllowedTools!);
        var argv = ClaudeCliProcessFactory.BuildArguments(bare, null);
        Assert.Contains("--setting-sources=", argv);
        Assert.DoesNotContain("--allowedTools=Bash", argv);
        Assert.Equal(["user"], inheriting.SettingSources);
        Assert.Equal(["Bash"], inheriting.AllowedTools);
    }

    [Fact]
    public void Defaults_with_empty_setting_sources_launch_pooled_processes_that_load_none()
    {
        var options = Read("""{ "ClaudeGrains": { "Defaults": { "SettingSources": [] } } }""");

        Assert.Contains("--setting-sources=", ClaudeCliProcessFactory.BuildArguments(WarmPoolProfile.From(options.Defaults).LaunchOptions, null));
    }

    private static ClaudeGrainsOptions Read(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        using var services = new ServiceCollection().AddClaudeGrains(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ClaudeGrainsOptions>>().Value;
    }
}
