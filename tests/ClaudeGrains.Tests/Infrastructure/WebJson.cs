using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>Reading and writing the web front's JSON (camelCase, enums as strings).</summary>
public static class WebJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, object body) =>
        http.PostAsJsonAsync(path, body, Options);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Options)!;
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/> and returns its JSON.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body); // no stack trace
        Assert.DoesNotContain(TestSiloSettings.TestApiKey, body);
        return problem;
    }

    /// <summary>Starts a session named after <paramref name="prefix"/> with default options and returns its name.</summary>
    public static async Task<string> StartSessionAsync(this HttpClient http, string prefix)
    {
        var name = UniqueName.For(prefix);
        (await http.PostJsonAsync("api/sessions", new { name })).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>Posts <paramref name="prompt"/> to a session's <c>/stream</c> and returns once the headers arrived.</summary>
    public static Task<HttpResponseMessage> PostStreamAsync(this HttpClient http, string name, string prompt) =>
        http.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, SessionPath(name, "stream")) { Content = JsonContent.Create(new { prompt }, options: Options) },
            HttpCompletionOption.ResponseHeadersRead);

    /// <summary>
    /// Opens a session's <c>/events</c> stream and returns its reader once the subscription is in place (the stream's
    /// first comment); disposing of the reader lets the stream go.
    /// </summary>
    public static async Task<ServerSentEventReader> WatchEventsAsync(this HttpClient http, string name)
    {
        var response = await http.GetAsync(SessionPath(name, "events"), HttpCompletionOption.ResponseHeadersRead);
        var events = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("subscribed", (await events.NextAsync())?.Data);
        return events;
    }

    /// <summary>Kills (SIGKILL) the CLI process the session reports, as a crash would, and waits until it is gone.</summary>
    public static async Task KillSessionCliAsync(this HttpClient http, string name)
    {
        var status = await (await http.GetAsync(SessionPath(name))).ReadAsync<SessionStatus>();
        using var cli = System.Diagnostics.Process.GetProcessById(status.ProcessId ?? throw new InvalidOperationException($"Session {name} has no process."));
        cli.Kill();
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The path of a session, with its name escaped (<c>user/42</c> becomes <c>user%2F42</c>).</summary>
    public static string SessionPath(string name, string? suffix = null) =>
        $"api/sessions/{Uri.EscapeDataString(name)}{(suffix is null ? "" : "/" + suffix)}";
}
