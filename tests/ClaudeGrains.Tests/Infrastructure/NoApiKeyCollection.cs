namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class NoApiKeyCollection : ICollectionFixture<NoApiKeyCluster>
{
    public const string Name = "no API key cluster";
}
