namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class WarmUpPoolCollection : ICollectionFixture<WarmUpPoolCluster>
{
    public const string Name = "warm pool with warm-up cluster";
}
