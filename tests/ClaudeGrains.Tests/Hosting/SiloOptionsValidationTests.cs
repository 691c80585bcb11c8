using ClaudeGrains.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Tests.Hosting;

/// <summary>Silo settings that cannot work are refused when the options are first read, naming the setting.</summary>
public sealed class SiloOptionsValidationTests
{
    [Theory]
    [InlineData("ClaudeGrains:Streams:BatchInterval", "-00:00:00.001")]
    [InlineData("ClaudeGrains:WarmPool:Size", "-1")]
    [InlineData("ClaudeGrains:WarmPool:HandOverTimeout", "00:00:00")]
    [InlineData("ClaudeGrains:WarmPool:WarmUp", "7")]
    [InlineData("ClaudeGrains:WarmPool:WarmUpTimeout", "00:00:00")]
    [InlineData("ClaudeGrains:WarmPool:RefillDelay", "-00:00:01")]
    [InlineData("ClaudeGrains:WarmPool:InitialBackoff", "00:00:00")]
    [InlineData("ClaudeGrains:WarmPool:MaxBackoff", "00:00:00")]
    [InlineData("ClaudeGrains:DefaultQueryTimeout", "00:00:00")]
    [InlineData("ClaudeGrains:DefaultQueryTimeout", "-00:00:01")]
    [InlineData("ClaudeGrains:DefaultQueryTimeout", "1.00:00:00.001")]
    [InlineData("ClaudeGrains:DefaultQueryTimeout", "60.00:00:00")] // beyond what CancelAfter accepts
    [InlineData("ClaudeGrains:Supervision:InactivityTimeout", "00:00:00")]
    [InlineData("ClaudeGrains:Supervision:InactivityTimeout", "60.00:00:00")]
    [InlineData("ClaudeGrains:Supervision:IdleTimeout", "00:00:00")]
    [InlineData("ClaudeGrains:Supervision:IdleTimeout", "60.00:00:00")]
    [InlineData("ClaudeGrains:Supervision:MaxLiveProcesses", "0")]
    [InlineData("ClaudeGrains:Supervision:MaxWaitingStarts", "-1")]
    [InlineData("ClaudeGrains:Supervision:CapacityWaitTimeout", "00:00:00")]
    [InlineData("ClaudeGrains:Supervision:InitialBackoff", "00:00:00")]
    [InlineData("ClaudeGrains:Supervision:MaxBackoff", "-00:00:01")]
    [InlineData("ClaudeGrains:Supervision:MaxRestarts", "-1")]
    [InlineData("ClaudeGrains:Supervision:RestartWindow", "00:00:00")]
    [InlineData("ClaudeGrains:Supervision:FaultedCooldown", "00:00:00")]
    [InlineData("ClaudeGrains:Cli:MaxLineBytes", "0")]
    [InlineData("ClaudeGrains:Cli:StderrTailChars", "-1")]
    [InlineData("ClaudeGrains:Cli:ShutdownGracePeriod", "-00:00:01")]
    [InlineData("ClaudeGrains:Cli:TerminateGracePeriod", "-00:00:01")]
    [InlineData("ClaudeGrains:Cli:InterruptGracePeriod", "60.00:00:00")]
    [InlineData("ClaudeGrains:Streams:PollInterval", "00:00:00")]
    [InlineData("ClaudeGrains:Streams:Queues", "0")]
    public void An_impossible_setting_is_refused_naming_it(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(new() { [key] = value }));

        Assert.Contains($"{key} must be", error.Message);
    }

    [Theory]
    [InlineData("ClaudeGrains:DefaultQueryTimeout", "1.00:00:00")]
    [InlineData("ClaudeGrains:Supervision:MaxRestarts", "0")]
    [InlineData("ClaudeGrains:Supervision:MaxWaitingStarts", "0")]
    [InlineData("ClaudeGrains:Cli:StderrTailChars", "0")]
    [InlineData("ClaudeGrains:Cli:ShutdownGracePeriod", "00:00:00")]
    [InlineData("ClaudeGrains:Cli:TerminateGracePeriod", "00:00:00")]
    [InlineData("ClaudeGrains:Cli:InterruptGracePeriod", "00:00:00")]
    [InlineData("ClaudeGrains:WarmPool:RefillDelay", "00:00:00")]
    public void A_setting_at_the_edge_of_its_range_is_accepted(string key, string value)
    {
        Assert.NotNull(Read(new() { [key] = value }));
    }

    [Fact]
    public void An_invalid_configured_session_is_refused_naming_the_session()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(new() { ["ClaudeGrains:Sessions:reviewer:MaxTurns"] = "0" }));

        Assert.Contains("ClaudeGrains:Sessions:reviewer: MaxTurns must be at least 1", error.Message);
    }

    [Fact]
    public void Bypassed_permissions_in_the_defaults_are_refused_to_a_root_silo_that_does_not_say_it_is_sandboxed()
    {
        var bypass = new Dictionary<string, string?> { ["ClaudeGrains:Defaults:PermissionMode"] = "BypassPermissions" };
        var sandboxed = new Dictionary<string, string?>(bypass) { ["ClaudeGrains:Cli:Environment:IS_SANDBOX"] = "1" };

        Assert.Equal(PermissionMode.BypassPermissions, Read(sandboxed).Defaults!.PermissionMode);
        if (Environment.IsPrivilegedProcess && Environment.GetEnvironmentVariable("IS_SANDBOX") != "1")
        {
            var error = Assert.Throws<OptionsValidationException>(() => Read(bypass));
            Assert.Contains("ClaudeGrains:Defaults: PermissionMode BypassPermissions cannot be used: the silo runs as root", error.Message);
        }
        else
        {
            Assert.NotNull(Read(bypass)); // the CLI allows it to other users
        }
    }

    [Fact]
    public void A_zero_batch_interval_is_accepted_and_the_default_is_five_milliseconds()
    {
        Assert.Equal(TimeSpan.Zero, Read(new() { ["ClaudeGrains:Streams:BatchInterval"] = "00:00:00" }).Streams.BatchInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(5), Read(new()).Streams.BatchInterval);
    }

    /// <summary>The options <paramref name="settings"/> give, read (and so validated) as the silo reads them.</summary>
    private static ClaudeGrainsOptions Read(Dictionary<string, string?> settings)
    {
        using var services = new ServiceCollection().AddClaudeGrains(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ClaudeGrainsOptions>>().Value;
    }
}
