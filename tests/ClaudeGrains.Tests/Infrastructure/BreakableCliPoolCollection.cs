namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class BreakableCliPoolCollection : ICollectionFixture<BreakableCliPoolCluster>
{
    public const string Name = "warm pool with a breakable CLI cluster";
}
