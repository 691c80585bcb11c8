namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class RealCliCollection : ICollectionFixture<RealCliCluster>
{
    public const string Name = "real CLI cluster";
}
