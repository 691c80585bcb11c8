namespace ClaudeGrains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class SecuredWebHostCollection : ICollectionFixture<SecuredWebHost>
{
    public const string Name = "Secured web host";
}
