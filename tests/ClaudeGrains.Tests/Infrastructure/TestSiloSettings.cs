using ClaudeGrains.Testing;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>The silo configuration every test host starts from: the fake API, a test key, its own data root.</summary>
public static class TestSiloSettings
{
    /// <summary>The API key the silos hand the CLI; tests check it never leaks.</summary>
    public const string TestApiKey = "sk-ant-test-not-a-real-key-7f3a";

    public static Dictionary<string, string?> Create(FakeAnthropicApi api, string dataRoot) => new()
    {
        ["ClaudeGrains:BaseUrl"] = api.BaseUrl.ToString().TrimEnd('/'),
        ["ClaudeGrains:ApiKey"] = TestApiKey,
        ["ClaudeGrains:DataRoot"] = dataRoot,
        ["ClaudeGrains:DefaultQueryTimeout"] = "00:01:00",
        ["ClaudeGrains:Cli:ShutdownGracePeriod"] = "00:00:03",
        // The CLI retries failed API calls for minutes by default; tests want the failure at once.
        ["ClaudeGrains:Cli:Environment:CLAUDE_CODE_MAX_RETRIES"] = "0",
        // Tests count CLI processes and slots; pre-started ones only where a fixture asks (WarmPoolCluster).
        ["ClaudeGrains:WarmPool:Size"] = "0",
    };
}
