using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Lets the test client subscribe to session streams, and gives it a response timeout where a fixture sets one.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    /// <summary>The setting (a TimeSpan) that replaces Orleans' default response timeout of the test client's calls.</summary>
    public const string ResponseTimeout = "Tests:ClientResponseTimeout";

    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.AddMemoryStreams(ClaudeStreams.ProviderName);
        if (configuration.GetValue<TimeSpan?>(ResponseTimeout) is { } timeout)
        {
            clientBuilder.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = timeout);
        }
    }
}
