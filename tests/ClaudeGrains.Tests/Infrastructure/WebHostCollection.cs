namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class WebHostCollection : ICollectionFixture<LoopbackWebHost>
{
    public const string Name = "Web host";
}
