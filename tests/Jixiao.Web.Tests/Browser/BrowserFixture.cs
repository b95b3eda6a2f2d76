using Microsoft.Playwright;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's, driven by Playwright) for all the browser tests of the collection. Nothing is
/// started when Chromium is missing: the tests then report themselves as skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException(BrowserEnvironment.NoChromium);

    public async Task InitializeAsync()
    {
        if (!BrowserEnvironment.HasChromium)
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserEnvironment.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>
    /// A fresh context (own cookies) with downloads allowed and a Chinese locale; a desktop window unless
    /// <paramref name="viewport"/> says otherwise (a phone: 390 × 844).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(string baseUrl, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            AcceptDownloads = true,
            Locale = "zh-CN",
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
