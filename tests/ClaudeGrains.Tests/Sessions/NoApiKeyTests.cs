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
