using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Browser;

/// <summary>
/// Walks the application in a real browser as one signed-in user: opens every page reachable from where it starts,
/// follows every link in the application (once per path pattern: <c>/forms/{id}</c>, the set of query keys, and the
/// value of the few keys that choose what is answered, such as <c>format</c>), clicks every export and checks what
/// arrives, and clicks every button — a GET form as it is, a POST form filled with harmless data. Every response the
/// browser gets is recorded with the step that caused it (the context's response events); <see cref="Problems"/>
/// lists each 4xx/5xx, failed request, script error, and empty or mistyped download.
/// Not clicked here (the caller does them last, or not at all): 退出 (sign out), a form that asks for confirmation
/// (删除 a batch), the import page's upload button (it needs a chosen file) and 登录 (see <see cref="Skipped"/>).
/// </summary>
internal sealed class SiteCrawler
{
    /// <summary>Query keys whose value chooses what is answered (a file format, a grouping), not which rows: part of the pattern.</summary>
    private static readonly HashSet<string> ValueKeys = new(StringComparer.OrdinalIgnoreCase) { "format", "by", "handler" };

    /// <summary>The content type each export format must arrive with.</summary>
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = "text/csv",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["json"] = "application/json",
        ["sha256"] = "text/plain",
    };

    /// <summary>The file name of a format whose files are not named by extension (the checksum list of the open data).</summary>
    private static readonly Dictionary<string, string> FileNames = new(StringComparer.OrdinalIgnoreCase) { ["sha256"] = "SHA256SUMS" };

    /// <summary>A bound on the pages one walk opens (the demo portfolio needs about a third of it).</summary>
    private const int MaxPages = 150;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly IBrowserContext context;
    private readonly IPage page;
    private readonly string baseUrl;
    private readonly string role;
    private readonly ITestOutputHelper output;
    private readonly Queue<(string Url, string From)> queue = new();
    private readonly HashSet<string> patterns = new(StringComparer.Ordinal);
    private readonly HashSet<string> buttons = new(StringComparer.Ordinal);
    private string step = "start";
    private IDownload? lastDownload;
    private int filled;
    private bool expectRefusal;

    public SiteCrawler(IBrowserContext context, IPage page, string baseUrl, string role, string password, ITestOutputHelper output)
    {
        this.context = context;
        this.page = page;
        this.baseUrl = baseUrl;
        this.role = role;
        this.output = output;
        Password = password;
        context.Response += (_, r) => Record(r.Status, r.Request.Method, r.Url);
        context.RequestFailed += (_, r) =>
        {
            // a navigation that turned into a download, or was replaced by the next one, is aborted: not a failure
            if (r.Url.StartsWith(baseUrl, StringComparison.Ordinal) && r.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                Problems.Add($"{role}: {r.Method} {Local(r.Url)} failed ({failure}) — {step}");
            }
        };
        page.PageError += (_, e) => Problems.Add($"{role}: script error on {Local(page.Url)}: {e} — {step}");
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !expectRefusal)
            {
                Problems.Add($"{role}: console error on {Local(page.Url)}: {m.Text} — {step}");
            }
        };
        page.Download += (_, d) => lastDownload = d;
    }

    /// <summary>False for a walk signed out: then the sign-in page is where pages lead, not a sign of a lost session.</summary>
    public bool SignedIn { get; init; } = true;

    /// <summary>The user's password (changed by the walk when it submits the change-password form).</summary>
    public string Password { get; private set; }

    /// <summary>Every response of the application: status, method, path and query, and the step that caused it.</summary>
    public List<(int Status, string Method, string Url, string Step)> Responses { get; } = [];

    /// <summary>What went wrong, one line each.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The pages opened (one per pattern).</summary>
    public List<string> Pages { get; } = [];

    /// <summary>The buttons clicked.</summary>
    public List<string> Clicked { get; } = [];

    /// <summary>The downloads: address, file name and bytes.</summary>
    public List<(string Url, string File, long Bytes)> Downloads { get; } = [];

    /// <summary>
    /// The path pattern of an address (numbers → {id}, other names — Chinese, escaped — → {name}) and its query parts:
    /// each key, or key=value for the keys that choose what is answered.
    /// </summary>
    public static (string Path, string[] Query) PatternOf(Uri url)
    {
        var path = string.Join('/', url.AbsolutePath.Split('/').Select(s =>
            s.Length > 0 && s.All(char.IsAsciiDigit) ? "{id}" : s.Contains('%', StringComparison.Ordinal) || s.Any(c => c > 127) ? "{name}" : s));
        var query = QueryHelpers.ParseQuery(url.Query)
            .Select(q => ValueKeys.Contains(q.Key) ? q.Key + "=" + q.Value.ToString().ToLowerInvariant() : q.Key)
            .Order(StringComparer.Ordinal).ToArray();
        return (path, query);
    }

    /// <summary>
    /// Opens <paramref name="start"/> (each of them, whatever its pattern) and everything reachable from it.
    /// </summary>
    public async Task WalkAsync(params string[] start)
    {
        foreach (var url in start)
        {
            var uri = new Uri(new Uri(baseUrl), url);
            IsNew(uri);
            queue.Enqueue((uri.ToString(), "(start)"));
        }

        while (queue.TryDequeue(out var next))
        {
            if (Pages.Count >= MaxPages)
            {
                Problems.Add($"{role}: more than {MaxPages} pages; not opened: {Local(next.Url)} and {queue.Count} more");
                break;
            }

            await VisitAsync(next.Url, next.From);
        }
    }

    /// <summary>A step of the caller's (e.g. sign out), its responses recorded and checked like the walk's.</summary>
    public async Task StepAsync(string name, Func<IPage, Task> action)
    {
        step = name;
        await action(page);
    }

    /// <summary>Opens a page the user may not use; the status it ends with and where (after the redirect to /denied).</summary>
    public async Task<(int Status, string Path)> RefusedAsync(string path)
    {
        step = "refused " + path;
        expectRefusal = true;
        try
        {
            var response = await page.GotoAsync(path);
            return (response?.Status ?? 0, new Uri(page.Url).AbsolutePath);
        }
        finally
        {
            expectRefusal = false;
        }
    }

    private async Task VisitAsync(string url, string from)
    {
        var previous = step;
        step = $"open {Local(url)} (linked from {Local(from)})";
        Pages.Add(Local(url));
        if (!await OpenAsync(url))
        {
            return;
        }

        if (SignedIn && new Uri(page.Url).AbsolutePath == "/login" && new Uri(url).AbsolutePath != "/login")
        {
            Problems.Add($"{role}: signed out, found when opening {Local(url)}; the step before: {previous}");
            queue.Clear();
            return;
        }

        await FollowLinksAsync();
        await ClickButtonsAsync(url);
    }

    /// <summary>Opens a page; false when it is not a page (a download, checked here).</summary>
    private async Task<bool> OpenAsync(string url)
    {
        try
        {
            await page.GotoAsync(url);
            return true;
        }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            for (var i = 0; i < 100 && lastDownload is null; i++)
            {
                await Task.Delay(50);
            }

            if (lastDownload is null)
            {
                Problems.Add($"{role}: {Local(url)} started a download that never came — {step}");
            }
            else
            {
                await CheckDownloadAsync(url, lastDownload);
            }

            return false;
        }
    }

    /// <summary>Queues the links to new patterns; clicks the export links (downloads) at once, on this page.</summary>
    private async Task FollowLinksAsync()
    {
        var here = page.Url.Split('#')[0];
        var links = Read<LinkInfo>(await page.Locator("a[href]").EvaluateAllAsync<JsonElement>(
            "as => as.map((a, i) => ({ index: i, href: a.href, download: a.hasAttribute('download') }))"));
        foreach (var link in links)
        {
            var target = link.Href.Split('#')[0];
            if (!target.StartsWith(baseUrl + "/", StringComparison.Ordinal) || target == here)
            {
                continue;
            }

            var uri = new Uri(target);
            if (!link.Download)
            {
                Enqueue(uri, here);
                continue;
            }

            // an export once per path pattern and format: the filters in its query are the page's, walked there
            var (path, query) = PatternOf(uri);
            if (patterns.Add("download " + path + "?" + string.Join('&', query.Where(q => q.Contains('=', StringComparison.Ordinal)))))
            {
                await DownloadAsync(page.Locator("a[href]").Nth(link.Index), target);
            }
        }
    }

    private void Enqueue(Uri uri, string from)
    {
        if (uri.AbsolutePath != "/logout" && IsNew(uri))
        {
            queue.Enqueue((uri.ToString(), from));
        }
    }

    /// <summary>
    /// True (and remembered) when the address's path pattern has not been seen, or not with one of its query parts:
    /// <c>/forms?year=2021</c> and <c>/forms?check=X</c> are each opened, <c>/forms?year=2022&amp;check=Y</c> then is not.
    /// </summary>
    private bool IsNew(Uri uri)
    {
        var (path, query) = PatternOf(uri);
        var parts = query.Length == 0 ? [""] : query;
        var added = false;
        foreach (var part in parts)
        {
            added |= patterns.Add(path + "?" + part);
        }

        return added;
    }

    /// <summary>Clicks an export link; the file must arrive non-empty, named and typed as the format asked for.</summary>
    private async Task DownloadAsync(ILocator link, string url)
    {
        step = $"export {Local(url)} on {Local(page.Url)}";
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            if (await link.IsVisibleAsync())
            {
                await link.ClickAsync();
            }
            else
            {
                await link.DispatchEventAsync("click");
            }
        });
        await CheckDownloadAsync(url, download);
    }

    private async Task CheckDownloadAsync(string url, IDownload download)
    {
        lastDownload = null;
        var file = download.SuggestedFilename;
        var failure = await download.FailureAsync();
        var bytes = failure is null ? new FileInfo(await download.PathAsync()).Length : 0;
        Downloads.Add((Local(url), file, bytes));
        if (failure is not null || bytes == 0)
        {
            Problems.Add($"{role}: {Local(url)} downloaded {file}: {failure ?? "empty"} — {step}");
        }

        // the same address again through the context's request API (same cookies): its status and content type
        var format = QueryHelpers.ParseQuery(new Uri(url).Query).TryGetValue("format", out var f) ? f.ToString() : Path.GetExtension(file).TrimStart('.');
        var response = await context.APIRequest.GetAsync(url);
        Record(response.Status, "GET", url);
        var type = response.Headers.TryGetValue("content-type", out var t) ? t : "";
        var body = await response.BodyAsync();
        if (FileNames.TryGetValue(format, out var named) ? file != named : !string.Equals(Path.GetExtension(file).TrimStart('.'), format, StringComparison.OrdinalIgnoreCase))
        {
            Problems.Add($"{role}: {Local(url)} asked for {format} and downloaded {file} — {step}");
        }

        if (!ContentTypes.TryGetValue(format, out var expected) || !type.StartsWith(expected, StringComparison.OrdinalIgnoreCase) || body.Length == 0)
        {
            Problems.Add($"{role}: {Local(url)} answered {response.Status} {type} with {body.Length} bytes for {format} — {step}");
        }
    }

    /// <summary>
    /// Clicks each button of the page not clicked before on any page (by pattern: the form's method and action, the
    /// button's name and value; a button outside a form by the page's path and its id or class), each on the page
    /// opened afresh.
    /// </summary>
    private async Task ClickButtonsAsync(string url)
    {
        var candidates = await ButtonsAsync();
        for (var round = 0; round < 50; round++)
        {
            var next = candidates.FirstOrDefault(b => !buttons.Contains(b.Key) && !Skipped(b));
            if (next is null)
            {
                return;
            }

            buttons.Add(next.Key);
            var label = $"{next.Text} [{next.Key}] on {Local(url)}";
            step = "click " + label;
            var button = page.Locator(ButtonInfo.Selector).Nth(next.Index);
            if (next.Disabled)
            {
                output.WriteLine($"{role}: not clicked (disabled): {label}");
            }
            else
            {
                Clicked.Add(label);
                output.WriteLine($"{role}: {step}");
                await ClickAsync(button, next);
                // where the click led is open now (its responses recorded): its address counts as seen
                IsNew(new Uri(page.Url.Split('#')[0]));
            }

            // afresh for the next button, if any is left (seen on the page the click led to, when it is this one):
            // the click may have changed or left the page
            var pending = new Uri(page.Url).AbsolutePath == new Uri(url).AbsolutePath ? await ButtonsAsync() : candidates;
            if (pending.All(b => buttons.Contains(b.Key) || Skipped(b)) || !await OpenAsync(url))
            {
                return;
            }

            candidates = await ButtonsAsync();
        }
    }

    /// <summary>
    /// Buttons left to the caller: 退出 (would end the walk), those that ask for confirmation (删除 a batch), the upload
    /// (needs a chosen file), and 登录 (signed out: every role's sign-in is that click; a wrong password answers 401).
    /// </summary>
    private static bool Skipped(ButtonInfo b) =>
        b.Confirm || b.Id == "upload-button" || new Uri(b.Action).AbsolutePath is "/logout" or "/login";

    private async Task ClickAsync(ILocator button, ButtonInfo info)
    {
        // a button in a closed <details> (reset a password) is shown as a user would open it
        await button.EvaluateAsync("b => { const d = b.closest('details'); if (d) { d.open = true; } }");
        if (info.Method == "post")
        {
            filled++;
            var values = new
            {
                name = string.Create(CultureInfo.InvariantCulture, $"crawl-{role}-{filled}"),
                text = "巡检：自动点击的测试文字",
                current = Password,
                password = Password + "-new",
            };
            await button.EvaluateAsync("""
                (b, v) => {
                    for (const el of b.form.elements) {
                        if (el.disabled || el.type === 'hidden' || el.value) continue;
                        if (el.tagName === 'TEXTAREA') el.value = v.text;
                        else if (el.type === 'password') el.value = /current/i.test(el.name) ? v.current : v.password;
                        else if (el.type === 'date' && el.required) el.value = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
                        else if (el.name === 'note') el.value = v.text;
                        else if (el.tagName === 'INPUT' && el.required) el.value = v.name;
                    }
                }
                """, values);
            if (await button.EvaluateAsync<bool>("b => [...b.form.elements].some(e => e.type === 'password' && /current/i.test(e.name))"))
            {
                Password = values.password;
            }
        }

        if (await button.IsVisibleAsync())
        {
            await button.ClickAsync();
        }
        else
        {
            await button.DispatchEventAsync("click");
        }

        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private static T[] Read<T>(JsonElement json) => json.Deserialize<T[]>(JsonOptions)!;

    private async Task<ButtonInfo[]> ButtonsAsync() => Read<ButtonInfo>(await page.Locator(ButtonInfo.Selector).EvaluateAllAsync<JsonElement>("""
        bs => bs.map((b, i) => {
            const f = b.form;
            const submit = f && b.type === 'submit';
            const method = submit ? (b.getAttribute('formmethod') || f.method || 'get').toLowerCase() : 'button';
            // the button's formaction when it has one (else b.formAction is the document's address), else the form's
            const action = submit ? (b.hasAttribute('formaction') ? b.formAction : f.action) : location.href;
            const what = submit ? (b.name ? b.name + '=' + b.value : '') : (b.id ? '#' + b.id : '.' + [...b.classList].sort().join('.'));
            const path = new URL(action);
            const handler = path.searchParams.get('handler') || '';
            return {
                index: i, method, action, id: b.id || '', text: (b.textContent || b.value || '').trim().slice(0, 40),
                disabled: b.disabled, confirm: !!(f && f.hasAttribute('data-confirm')),
                key: method + ' ' + path.pathname.replace(/\/\d+/g, '/{id}') + (handler ? '?handler=' + handler : '') + ' ' + what
            };
        })
        """));

    private void Record(int status, string method, string url)
    {
        if (!url.StartsWith(baseUrl, StringComparison.Ordinal))
        {
            return;
        }

        Responses.Add((status, method, Local(url), step));
        if (status >= 400 && !expectRefusal)
        {
            Problems.Add($"{role}: {status} {method} {Local(url)} — {step}");
        }
    }

    /// <summary>A summary for the test's output.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{role}: {Pages.Count} pages, {Clicked.Count} buttons, {Downloads.Count} downloads, {Responses.Count} responses");
        foreach (var p in Pages)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  page {p}");
        }

        foreach (var d in Downloads)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  download {d.Url} → {d.File} ({d.Bytes:N0} bytes)");
        }

        return text.ToString();
    }

    private string Local(string url) => url.StartsWith(baseUrl, StringComparison.Ordinal) ? url[baseUrl.Length..] : url;

    private sealed record LinkInfo(int Index, string Href, bool Download);

    private sealed record ButtonInfo(int Index, string Method, string Action, string Id, string Text, bool Disabled, bool Confirm, string Key)
    {
        public const string Selector = "button, input[type=submit]";
    }
}
