using System.Text.RegularExpressions;
using ClaudeGrains.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaudeGrains.Tests.Web;

/// <summary>The browser UI at <c>/</c>, driven end to end in headless Chromium against the loopback web host.</summary>
[Collection(WebHostCollection.Name)]
public sealed class BrowserUiTests(LoopbackWebHost host) : IAsyncLifetime
{
    // One look at the page, taken atomically on each animation frame: the newest answer's text while it has no
    // cost yet, or null until there is such a moment.
    private const string TextBeforeResult = """
        () => {
          const exchange = [...document.querySelectorAll('[data-testid=exchange]')].pop();
          const text = exchange?.querySelector('[data-testid=answer]')?.textContent;
          return text && !exchange.querySelector('[data-testid=result-cost]') ? text : null;
        }
        """;

    private readonly List<string> _scriptErrors = [];
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task Durations_are_rounded_before_they_are_split_into_minutes_and_seconds()
    {
        var page = await _chromium.NewPageAsync(host.BaseAddress, _scriptErrors);
        await page.GotoAsync("/");

        var shown = await page.EvaluateAsync<string[]>("""
            async () => {
              const { formatDuration } = await import('./format.js');
              return ['00:00:12.34', '00:00:59.96', '00:01:59.6', '00:02:05', '1.00:00:00'].map(formatDuration);
            }
            """);

        Assert.Equal(["12.3 s", "1 min 0 s", "2 min 0 s", "2 min 5 s", "1440 min 0 s"], shown);
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task A_session_started_in_the_page_streams_its_answer_before_the_cost_and_leaves_the_table_when_terminated()
    {
        var page = await _chromium.NewPageAsync(host.BaseAddress, _scriptErrors);
        var name = UniqueName.For("browser");
        const string prompt = "[deltas:8] [slow:300] hello browser, please stream this answer slowly";
        const string answer = prompt + " | 1 messages";

        await page.GotoAsync("/");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("System prompt").FillAsync("Be brief.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        var row = page.Locator($"[data-testid=session-row][data-session='{name}']");
        await Expect(row.GetByTestId("session-state")).ToHaveTextAsync("Hibernated");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Chat {name}" }).ClickAsync();
        await Expect(page.GetByTestId("chat-session")).ToHaveTextAsync(name);

        await page.GetByLabel("Prompt", new() { Exact = true }).FillAsync(prompt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var exchange = page.GetByTestId("exchange").Last;
        var partial = await (await page.WaitForFunctionAsync(TextBeforeResult)).JsonValueAsync<string>();
        await Expect(exchange.GetByTestId("result-cost")).ToHaveTextAsync(new Regex(@"\$\d"));
        await Expect(exchange.GetByTestId("answer")).ToHaveTextAsync(answer);
        await Expect(exchange.GetByTestId("chat-error")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("session-cost")).Not.ToHaveTextAsync("$0.00");

        // The text on screen before the result was a strict beginning of the answer: it streamed in.
        Assert.StartsWith(partial, answer);
        Assert.True(partial.Length < answer.Length, $"the answer was complete before its cost showed: '{partial}'");

        using var http = host.CreateHttpClient();
        var pid = (await (await http.GetAsync(WebJson.SessionPath(name))).ReadAsync<SessionStatus>()).ProcessId!.Value;
        string? question = null;
        page.Dialog += (_, dialog) =>
        {
            question = dialog.Message;
            _ = dialog.AcceptAsync();
        };
        await row.GetByRole(AriaRole.Button, new() { Name = $"Terminate {name}" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("chat-panel")).ToBeHiddenAsync();
        Assert.Contains(name, question);
        Assert.DoesNotContain(pid, host.LiveCliProcesses());
        Assert.Empty(_scriptErrors);
    }
}
