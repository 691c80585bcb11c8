using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Lets the test client subscribe to session streams.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddMemoryStreams(ClaudeStreams.ProviderName);
}
