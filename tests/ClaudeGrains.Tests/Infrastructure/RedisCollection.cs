namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisCluster>
{
    public const string Name = "Redis storage cluster";
}
