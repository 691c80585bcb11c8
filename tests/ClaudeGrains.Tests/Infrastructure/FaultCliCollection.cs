namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class FaultCliCollection : ICollectionFixture<FaultCliCluster>
{
    public const string Name = "fault CLI cluster";
}
