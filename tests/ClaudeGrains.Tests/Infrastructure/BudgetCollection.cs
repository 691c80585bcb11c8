namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class BudgetCollection : ICollectionFixture<BudgetCluster>
{
    public const string Name = "process budget cluster";
}
