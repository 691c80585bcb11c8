using ClaudeGrains.Grains.Hosting;
using Orleans.TestingHost;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Adds ClaudeGrains to each test silo exactly as a host would.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddClaudeGrains(siloBuilder.Configuration);
}
