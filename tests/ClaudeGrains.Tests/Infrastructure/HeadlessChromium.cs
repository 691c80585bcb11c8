using Microsoft.Playwright;

namespace ClaudeGrains.Tests.Infrastructure;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven by Playwright through the Node driver its NuGet package ships. The
/// browser is the system's (<see cref="ExecutablePath"/>), so Playwright never downloads one.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Generous, because the first query of a session starts a CLI process on a busy two-core machine; the waits end as
    // soon as their condition holds.
    private const float PatienceMs = 60_000;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No browser at {ExecutablePath}: install Debian's chromium package (infra/install.sh does).");
        }

        Assertions.SetDefaultExpectTimeout(PatienceMs);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A page in a fresh browser context (its own cookies and session storage) whose relative URLs resolve against
    /// <paramref name="baseAddress"/>. Uncaught script errors of the page are collected in <paramref name="scriptErrors"/>.
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, List<string> scriptErrors)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(PatienceMs);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) =>
        {
            lock (scriptErrors)
            {
                scriptErrors.Add(error);
            }
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
