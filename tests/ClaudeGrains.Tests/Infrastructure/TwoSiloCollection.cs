namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class TwoSiloCollection : ICollectionFixture<TwoSiloCluster>
{
    public const string Name = "two-silo cluster";
}
