using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Sessions;

/// <summary>When the Anthropic API fails, the caller gets the CLI's failed result, and the session goes on.</summary>
[Collection(RealCliCollection.Name)]
public sealed class ApiFailureTests(RealCliCluster cluster)
{
    [Theory]
    [InlineData("500")]
    [InlineData("429")]
    [InlineData("overloaded")]
    public async Task An_api_error_is_a_failed_result_and_the_next_query_succeeds(string failure)
    {
        var session = cluster.Session($"api-failure/{failure}/{Guid.NewGuid():N}");

        var failed = await session.QueryAsync($"x [fail:{failure}]");
        var next = await session.QueryAsync("ok now");

        Assert.True(failed.IsError);
        Assert.False(string.IsNullOrWhiteSpace(failed.Text));
        Assert.False(next.IsError);
        Assert.StartsWith("ok now | ", next.Text);
        var status = await session.GetStatusAsync();
        Assert.Equal(2, status.Counters.Queries);
        Assert.Equal(1, status.Counters.FailedQueries);
    }
}
