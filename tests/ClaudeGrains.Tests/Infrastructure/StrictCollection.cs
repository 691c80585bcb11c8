namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class StrictCollection : ICollectionFixture<StrictCluster>
{
    public const string Name = "strict cluster";
}
