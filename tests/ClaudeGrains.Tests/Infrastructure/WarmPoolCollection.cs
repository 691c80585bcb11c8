namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class WarmPoolCollection : ICollectionFixture<WarmPoolCluster>
{
    public const string Name = "warm pool cluster";
}
