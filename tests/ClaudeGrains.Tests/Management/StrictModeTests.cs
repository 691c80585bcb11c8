using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Management;

/// <summary>With RequireRegistration, only sessions started through the manager answer.</summary>
[Collection(StrictCollection.Name)]
public sealed class StrictModeTests(StrictCluster cluster)
{
    [Fact]
    public async Task An_unregistered_session_is_not_found_until_started_and_again_after_terminate()
    {
        var name = UniqueName.For("strict/session");

        var missing = await Assert.ThrowsAsync<ClaudeSessionException>(() => cluster.Session(name).QueryAsync("hello?"));
        var listedWhileMissing = await ListedAsync(name);
        await cluster.Manager.StartSessionAsync(name, new SessionOptions());
        var answer = await cluster.Session(name).QueryAsync("hello now");
        var listedWhileStarted = await ListedAsync(name);
        await cluster.Manager.TerminateSessionAsync(name);
        var gone = await Assert.ThrowsAsync<ClaudeSessionException>(() => cluster.Session(name).QueryAsync("still there?"));
        var listedWhenGone = await ListedAsync(name);

        Assert.Equal(ClaudeErrorCode.SessionNotFound, missing.Code);
        Assert.Contains(name, missing.Message);
        Assert.StartsWith("hello now | ", answer.Text);
        Assert.Equal(ClaudeErrorCode.SessionNotFound, gone.Code);
        Assert.False(await cluster.Manager.IsRegisteredAsync(name));

        // A refused name is no session: the activation that refused it is not listed.
        Assert.Empty(listedWhileMissing);
        Assert.Equal([name], listedWhileStarted);
        Assert.Empty(listedWhenGone);
    }

    private async Task<List<string>> ListedAsync(string name) =>
        (await cluster.Manager.ListSessionsAsync(new SessionFilter { Prefix = name })).Sessions.Select(s => s.Name).ToList();

    [Fact]
    public async Task Ten_thousand_registrations_list_by_pages_and_count()
    {
        var prefix = UniqueName.For("strict/many") + "/";
        var names = Enumerable.Range(0, 10_000).Select(i => $"{prefix}{i:D5}").ToList();
        foreach (var batch in names.Chunk(500))
        {
            await Task.WhenAll(batch.Select(n => cluster.Manager.StartSessionAsync(n, new SessionOptions())));
        }

        var listed = new List<string>();
        SessionPage page;
        var number = 0;
        do
        {
            page = await cluster.Manager.ListSessionsAsync(new SessionFilter { Prefix = prefix, Page = number++, PageSize = SessionFilter.MaxPageSize });
            listed.AddRange(page.Sessions.Select(s => s.Name));
        }
        while (page.Sessions.Count == SessionFilter.MaxPageSize);
        var counts = await cluster.Manager.CountSessionsAsync();

        Assert.Equal(names, listed);
        Assert.Equal(10_000, page.TotalCount);
        Assert.True(counts.Registered >= 10_000);
        Assert.True(counts.Hibernated >= 10_000);
    }
}
