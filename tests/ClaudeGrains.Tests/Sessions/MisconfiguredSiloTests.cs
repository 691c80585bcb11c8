using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Sessions;

[Collection(NoApiKeyCollection.Name)]
public sealed class NoApiKeyTests(NoApiKeyCluster cluster)
{
    [Fact]
    public async Task Without_an_api_key_the_query_returns_the_clis_authentication_error()
    {
        var result = await cluster.Session("no-key").QueryAsync("hello?");

        Assert.True(result.IsError);
        Assert.Contains("Not logged in", result.Text);
        Assert.Empty(cluster.Api.Requests);
        var status = await cluster.Session("no-key").GetStatusAsync();
        Assert.Equal(1, status.Counters.FailedQueries);
        Assert.Contains("Not logged in", status.LastFailure);
    }
}

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
