using ClaudeGrains.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaudeGrains.Tests.Web;

/// <summary>The web front refuses to listen beyond loopback without an admin token, and settings that cannot work.</summary>
public sealed class ListenBindingTests
{
    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("urls", "http://*:8080")]
    [InlineData("urls", "http://127.0.0.1:8080;http://192.168.1.20:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://example.com:8080")]
    public void A_non_loopback_binding_without_a_token_is_refused_at_startup(string key, string value)
    {
        var builder = Builder(new() { [key] = value });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddClaudeGrainsSilo());

        Assert.Contains("ClaudeGrains:Web:AdminToken", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", null)]
    [InlineData("http://localhost:8080;http://[::1]:8080", null)]
    [InlineData("http://0.0.0.0:8080", "a-token")]
    public void Loopback_or_a_token_is_accepted(string urls, string? token)
    {
        var builder = Builder(new() { ["urls"] = urls, ["ClaudeGrains:Web:AdminToken"] = token });

        builder.AddClaudeGrainsSilo();
    }

    [Theory]
    [InlineData("EventStreamKeepAlive", "00:00:00")]
    [InlineData("EventStreamKeepAlive", "-00:00:01")]
    [InlineData("CliCheckCacheDuration", "-00:00:01")]
    [InlineData("MaxRequestBodyBytes", "0")]
    [InlineData("EventStreamMaxPendingEvents", "999")]
    public void A_web_setting_that_cannot_work_is_refused_naming_it(string key, string value)
    {
        var builder = Builder(new() { [$"ClaudeGrains:Web:{key}"] = value });
        builder.AddClaudeGrainsSilo();
        using var app = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<ClaudeGrainsWebOptions>>().Value);

        Assert.Contains($"ClaudeGrains:Web:{key}", error.Message);
    }

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
