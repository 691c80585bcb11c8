using System.Text.RegularExpressions;
using ClaudeGrains.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClaudeGrains.Tests.Web;

/// <summary>The browser UI of a web front with an admin token, in headless Chromium.</summary>
[Collection(SecuredWebHostCollection.Name)]
public sealed class SecuredBrowserUiTests(SecuredWebHost host) : IAsyncLifetime
{
    private readonly List<string> _scriptErrors = [];
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    public async Task DisposeAsync() => await _chromium.DisposeAsync();

    [Fact]
    public async Task The_page_asks_for_the_admin_token_once_and_then_lists_and_starts_sessions()
    {
        var page = await _chromium.NewPageAsync(host.BaseAddress, _scriptErrors);
        var name = UniqueName.For("browser-secured");
        var tokenDialog = page.GetByTestId("token-dialog");

        await page.GotoAsync("/");
        await Expect(tokenDialog).ToBeVisibleAsync();
        Assert.Equal(401, (await page.APIRequest.GetAsync("dashboard")).Status);
        await page.GetByLabel("Admin token").FillAsync("not-the-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByTestId("token-error")).ToBeVisibleAsync();
        await page.GetByLabel("Admin token").FillAsync(SecuredWebHost.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(tokenDialog).ToBeHiddenAsync();
        await Expect(page.GetByTestId("list-summary")).ToHaveTextAsync(new Regex(@"^\d+ sessions?$"));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        var row = page.Locator($"[data-testid=session-row][data-session='{name}']");
        await Expect(row).ToBeVisibleAsync();

        // The tab keeps the token: a reload lists at once without asking again.
        await page.ReloadAsync();
        await Expect(row).ToBeVisibleAsync();
        await Expect(tokenDialog).ToBeHiddenAsync();

        // Once the token is typed, the dashboard link works through the cookie, which opens nothing else.
        var dashboard = await page.GotoAsync("dashboard");
        Assert.Equal(200, dashboard!.Status);
        Assert.Equal(401, (await page.APIRequest.GetAsync("api/sessions")).Status);
        Assert.Empty(_scriptErrors);

        using var http = host.CreateHttpClient();
        await http.DeleteAsync(WebJson.SessionPath(name));
    }
}
