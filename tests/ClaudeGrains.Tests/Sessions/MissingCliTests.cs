using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Sessions;

[Collection(MissingCliCollection.Name)]
public sealed class MissingCliTests(MissingCliCluster cluster)
{
    [Fact]
    public async Task A_missing_cli_fails_the_query_with_a_typed_error_naming_where_it_looked()
    {
        var error = await Assert.ThrowsAsync<ClaudeSessionException>(() => cluster.Session("lost").QueryAsync("hello?"));

        Assert.Equal(ClaudeErrorCode.CliNotFound, error.Code);
        Assert.Contains(cluster.MissingPath, error.Message);
        Assert.Contains("npm ci", error.Message);
        Assert.DoesNotContain("sk-ant-test", error.Message);
        Assert.Equal(SessionState.Hibernated, (await cluster.Session("lost").GetStatusAsync()).State);
    }
}
