namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class RefusedWarmUpPoolCollection : ICollectionFixture<RefusedWarmUpPoolCluster>
{
    public const string Name = "warm pool with a refused warm-up cluster";
}
