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
    public void An_impossible_setting_is_refused_naming_it(string key, string value)
    {
        using var services = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ClaudeGrainsOptions>>().Value);

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void A_zero_batch_interval_is_accepted_and_the_default_is_five_milliseconds()
    {
        using var zero = Services(new() { ["ClaudeGrains:Streams:BatchInterval"] = "00:00:00" });
        using var defaults = Services(new());

        Assert.Equal(TimeSpan.Zero, zero.GetRequiredService<IOptions<ClaudeGrainsOptions>>().Value.Streams.BatchInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(5), defaults.GetRequiredService<IOptions<ClaudeGrainsOptions>>().Value.Streams.BatchInterval);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddClaudeGrains(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
