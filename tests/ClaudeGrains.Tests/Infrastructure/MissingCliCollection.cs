namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class MissingCliCollection : ICollectionFixture<MissingCliCluster>
{
    public const string Name = "missing CLI cluster";
}
