using ClaudeGrains.Tests.Infrastructure;

namespace ClaudeGrains.Tests.Web;

/// <summary>What a query logs carries the session name and query id, so one query's lines can be found together.</summary>
[Collection(WebHostCollection.Name)]
public sealed class LogScopeTests(LoopbackWebHost host)
{
    [Fact]
    public async Task A_querys_log_lines_carry_its_session_name_and_query_id_and_its_prompt_only_at_debug()
    {
        using var http = host.CreateHttpClient();
        var name = await http.StartSessionAsync("web-scopes");

        var result = await (await http.PostJsonAsync(WebJson.SessionPath(name, "query"), new { prompt = "scoped prompt" })).ReadAsync<ClaudeResult>();

        var ofQuery = host.Logs.Entries.Where(e => Equals(e.Scope.GetValueOrDefault("QueryId"), result.QueryId)).ToList();
        Assert.Contains(ofQuery, e => e.Text.Contains("Query answered"));
        Assert.All(ofQuery, e => Assert.Equal(name, e.Scope["SessionName"]));
        Assert.All(host.Logs.Lines.Where(l => l.Contains("scoped prompt")), l => Assert.StartsWith("Debug ", l));
        await http.DeleteAsync(WebJson.SessionPath(name));
    }
}
