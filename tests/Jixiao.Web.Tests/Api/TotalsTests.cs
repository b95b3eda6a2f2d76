using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Ingest;
using Jixiao.Ingest.Json;
using Jixiao.Tests.Shared;
using Jixiao.Web.Shared;
using Jixiao.Web.Tests.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// The money of the imported corpus and the totals of filtered lists, each figure added up here by hand: from the
/// parsed corpus files (the overview and the statistics) or from the forms the list endpoint returns (the totals of
/// the list page, its API and its exports).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TotalsTests(ApiFixture api)
{
    /// <summary>Filters of the form list: by year and department (stored totals) and by everything else (computed).</summary>
    public static readonly string[] Filters =
    [
        "",
        "year=2024",
        "dept=" + Uri.EscapeDataString(ApiFixture.Police),
        "year=2023&dept=" + Uri.EscapeDataString(ApiFixture.Police),
        "kind=self",
        "kind=declaration",
        "errors=1",
        "smin=90&smax=99",
        "q=" + Uri.EscapeDataString("经费"),
        "q=" + Uri.EscapeDataString("经费") + "&year=2024&dept=" + Uri.EscapeDataString(ApiFixture.Police),
    ];

    [Fact]
    public async Task The_police_execution_rate_is_its_self_evaluations_executed_over_their_budget()
    {
        // by hand from the parsed files: self-evaluations stating both amounts; declarations apart
        var police = Corpus.AllFiles.SelectMany(f => FormFileReader.Read(Corpus.PathOf(f))).Where(f => f.Department == ApiFixture.Police).ToList();
        var self = police.Where(f => f.Kind != FormKind.TargetDeclaration && f.SelfEvaluationFunds?.Total is { Executed: not null } t && (t.AnnualBudget ?? t.InitialBudget) is not null).ToList();
        var budget = self.Sum(f => f.SelfEvaluationFunds!.Total!.AnnualBudget ?? f.SelfEvaluationFunds.Total.InitialBudget ?? 0);
        var executed = self.Sum(f => f.SelfEvaluationFunds!.Total!.Executed ?? 0);
        var declared = police.Where(f => f.Kind == FormKind.TargetDeclaration).Sum(f => f.DeclarationFunds?.AnnualTotal ?? f.DeclarationFunds?.ProjectTotal ?? 0);
        Assert.Equal(37, self.Count);
        Assert.Equal(99.96m, Math.Round(executed / budget * 100m, 2));
        Assert.Equal(70.07m, Math.Round(executed / (budget + declared) * 100m, 2)); // what the overview showed before

        var overview = await JixiaoWebFactory.HtmlAsync(api.Admin, "/?dept=" + Uri.EscapeDataString(ApiFixture.Police));
        Assert.Equal("99.96", overview.QuerySelector("#card-rate [data-rate]")!.GetAttribute("data-rate"));
        Assert.Equal("99.96%", overview.QuerySelector("#card-rate .value")!.TextContent.Trim());
        Assert.Equal(Plain(budget), overview.QuerySelector("#card-budget [data-budget]")!.GetAttribute("data-budget"));
        Assert.Equal(Plain(executed), overview.QuerySelector("#card-budget [data-executed]")!.GetAttribute("data-executed"));
        Assert.Equal(Plain(declared), overview.QuerySelector("#card-budget [data-declared]")!.GetAttribute("data-declared"));
        Assert.Contains("Σ全年执行数 ÷ Σ全年预算数", overview.QuerySelector("#overview-rule")!.TextContent, StringComparison.Ordinal);
        var row = overview.QuerySelectorAll("#departments tbody tr").Single();
        Assert.Equal("99.96", row.QuerySelector("[data-rate]")!.GetAttribute("data-rate"));

        using var stats = await ApiClient.GetJsonAsync(api.Admin, "/api/v1/statistics?department=" + Uri.EscapeDataString(ApiFixture.Police));
        Assert.Equal(99.96m, stats.RootElement.GetProperty("executionRate").GetDecimal());
        Assert.Equal(budget, stats.RootElement.GetProperty("budget").GetDecimal());
        Assert.Equal(executed, stats.RootElement.GetProperty("executed").GetDecimal());
        Assert.Equal(declared, stats.RootElement.GetProperty("declaredBudget").GetDecimal());
        var years = stats.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("year").GetInt32());
        Assert.Equal(99.96m, years[2024].GetProperty("executionRate").GetDecimal());
        Assert.Equal(0m, years[2023].GetProperty("budget").GetDecimal());
        Assert.Equal(JsonValueKind.Null, years[2023].GetProperty("executionRate").ValueKind);
        Assert.Equal(declared, years[2023].GetProperty("declaredBudget").GetDecimal());
    }

    [Fact]
    public async Task The_whole_corpus_has_one_rate_in_the_cards_the_years_and_the_api()
    {
        var forms = Corpus.AllFiles.SelectMany(f => FormFileReader.Read(Corpus.PathOf(f))).ToList();
        var lines = forms.Where(f => f.Kind != FormKind.TargetDeclaration).Select(f => f.SelfEvaluationFunds?.Total).ToList();
        var budget = lines.Where(t => t?.Executed is not null).Sum(t => t!.AnnualBudget ?? t.InitialBudget ?? 0);
        var executed = lines.Where(t => (t?.AnnualBudget ?? t?.InitialBudget) is not null).Sum(t => t!.Executed ?? 0);
        Assert.Equal(558_957_419.92m, budget);
        Assert.Equal(558_448_619.92m, executed);

        var overview = await JixiaoWebFactory.HtmlAsync(api.Supervisor, "/");
        Assert.Equal("99.91", overview.QuerySelector("#card-rate [data-rate]")!.GetAttribute("data-rate"));
        Assert.Equal("55,895.74", overview.QuerySelector("#card-budget .value")!.TextContent.Trim());
        var years = overview.QuerySelectorAll("#years-table tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children.Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal(["2023", "8", "2,526.71", "100.00%", "20,876.47", years["2023"][5]], years["2023"]);
        Assert.Equal("99.90%", years["2024"][3]); // (48,932.90 + 4,385.25) ÷ (48,954.92 + 4,414.11) 万元 = 99.905

        using var stats = await ApiClient.GetJsonAsync(api.Supervisor, "/api/v1/statistics");
        Assert.Equal(99.91m, stats.RootElement.GetProperty("executionRate").GetDecimal());
        Assert.Equal(208_764_700m, stats.RootElement.GetProperty("declaredBudget").GetDecimal());
    }

    [Fact]
    public async Task The_totals_of_a_filtered_list_equal_a_hand_computation()
    {
        foreach (var filter in Filters)
        {
            await AssertTotalsAsync(api.Admin, filter);
        }

        // a department user's totals are their department's, whatever the filter says
        var all = await AssertTotalsAsync(api.PoliceUser, "");
        Assert.Equal(await AssertTotalsAsync(api.Admin, "dept=" + Uri.EscapeDataString(ApiFixture.Police)), all);
        Assert.Equal(40, all.Forms);
    }

    [Fact]
    public async Task Every_export_of_the_list_carries_its_totals()
    {
        var filter = "dept=" + Uri.EscapeDataString(ApiFixture.Police);
        var hand = await AssertTotalsAsync(api.Admin, filter);
        var page = await JixiaoWebFactory.HtmlAsync(api.Admin, "/forms?" + filter);
        var links = page.QuerySelectorAll("a[href*='/forms/export']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(3, links.Count);
        Assert.All(links, l => Assert.Contains("totals=1", l, StringComparison.Ordinal));

        // CSV: the rows, an empty line, then 汇总,label,value
        var csv = Csv.Parse(Encoding.UTF8.GetString(await api.Admin.GetByteArrayAsync(links.Single(l => l.Contains("format=csv", StringComparison.Ordinal)))).TrimStart('\uFEFF'));
        var blank = csv.FindIndex(r => r is [""]);
        Assert.Equal(1 + hand.Forms, blank);
        var block = csv.Skip(blank + 1).ToList();
        Assert.All(block, r => Assert.Equal(("汇总", 3), (r[0], r.Length)));
        var csvTotals = block.ToDictionary(r => r[1], r => r[2]);
        Assert.Equal(Expected(hand), csvTotals.Where(t => t.Key != "说明").ToDictionary());
        Assert.Contains("Σ全年执行数 ÷ Σ全年预算数", csvTotals["说明"], StringComparison.Ordinal);

        // xlsx: the sheet 汇总 beside the forms
        using (var stream = new MemoryStream(await api.Admin.GetByteArrayAsync(links.Single(l => l.Contains("format=xlsx", StringComparison.Ordinal)))))
        using (var xlsx = SpreadsheetDocument.Open(stream, false))
        {
            var sheets = ExportTests.Sheets(xlsx);
            Assert.Equal(["表单", "汇总"], sheets.Select(s => s.Name));
            Assert.Equal(1 + hand.Forms, sheets[0].Part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
            var cells = ExportTests.Cells(sheets[1].Part);
            var xlsxTotals = new Dictionary<string, string>();
            for (var r = 2; cells.ContainsKey($"A{r}"); r++)
            {
                xlsxTotals[ExportTests.Value(cells[$"A{r}"])!] = !cells.TryGetValue($"B{r}", out var v) ? "" : v.DataType is null ? Plain(ExportTests.Value(v)) : ExportTests.Value(v)!;
            }

            Assert.Equal(Expected(hand), xlsxTotals.Where(t => t.Key != "说明").ToDictionary());
        }

        // JSON: {totals, forms}; the forms read back as before
        var json = await api.Admin.GetStringAsync(links.Single(l => l.Contains("format=json", StringComparison.Ordinal)));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("jixiao.form-list/1", doc.RootElement.GetProperty("schema").GetString());
        var totals = doc.RootElement.GetProperty("totals");
        Assert.Equal(hand.Forms, totals.GetProperty("forms").GetInt64());
        Assert.Equal(hand.Budget, totals.GetProperty("budget").GetDecimal());
        Assert.Equal(hand.Executed, totals.GetProperty("executed").GetDecimal());
        Assert.Equal(hand.Rate, totals.GetProperty("executionRate").GetDecimal());
        Assert.Equal(hand.Declared, totals.GetProperty("declaredBudget").GetDecimal());
        Assert.Equal(hand.Errors, totals.GetProperty("findings").GetProperty("errors").GetInt64());
        var read = FormJsonReader.ReadString(doc.RootElement.GetProperty("forms").GetRawText(), "forms.json", null).ToList();
        Assert.Equal(hand.Forms, read.Count);
        Assert.All(read, f => Assert.Empty(f.Diagnostics));

        // the whole file is no form: a reader skips it with a clear error instead of taking it for an empty form
        var diagnostics = new List<Diagnostic>();
        Assert.Empty(FormJsonReader.ReadString(json, "totals.json", diagnostics.Add));
        Assert.Contains(diagnostics, d => d.Message.Contains("jixiao.form-list/1", StringComparison.Ordinal));

        // without totals=1 the export is as before: the array of forms
        var plain = FormJsonReader.ReadString(await api.Admin.GetStringAsync("/api/v1/forms/export?format=json&" + filter), "plain.json", null).ToList();
        Assert.Equal(read.Select(f => FormJsonWriter.ToJson(f)), plain.Select(f => FormJsonWriter.ToJson(f)));
    }

    [PostgresFact]
    public async Task The_totals_of_a_filtered_list_equal_a_hand_computation_on_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync("jixiao_totals_");
        using var factory = new JixiaoWebFactory(database.Settings);
        var client = await factory.SignedInAsync("admin", "jixiao-admin");
        foreach (var file in Corpus.AllFiles)
        {
            var response = await ApiClient.UploadAsync(client, (file, await File.ReadAllBytesAsync(Corpus.PathOf(file))));
            using var queued = await ApiClient.JsonAsync(response);
            Assert.Equal(ImportStatus.Succeeded, (await factory.WaitForBatchAsync(queued.RootElement.GetProperty("queued")[0].GetProperty("batchId").GetInt64())).Status);
        }

        foreach (var filter in Filters)
        {
            await AssertTotalsAsync(client, filter);
        }

        var police = await AssertTotalsAsync(client, "dept=" + Uri.EscapeDataString(ApiFixture.Police));
        Assert.Equal(99.96m, police.Rate);
    }

    /// <summary>
    /// The totals of the forms <paramref name="filter"/> selects, added up here over the forms the list endpoint
    /// returns, must be those of <c>/api/v1/forms/totals</c> and of the list page.
    /// </summary>
    internal static async Task<HandTotals> AssertTotalsAsync(HttpClient client, string filter)
    {
        using var list = await ApiClient.GetJsonAsync(client, "/api/v1/forms?pageSize=500&" + filter);
        Assert.False(list.RootElement.GetProperty("totalIsLowerBound").GetBoolean());
        var hand = HandTotals.Of([.. ApiClient.Items(list)]);
        Assert.Equal(ApiClient.TotalCount(list), hand.Forms);

        using var doc = await ApiClient.GetJsonAsync(client, "/api/v1/forms/totals?" + filter);
        var t = doc.RootElement;
        Assert.Equal(hand, new HandTotals(
            t.GetProperty("forms").GetInt64(), t.GetProperty("selfEvaluations").GetInt64(), t.GetProperty("declarations").GetInt64(),
            t.GetProperty("budget").GetDecimal(), t.GetProperty("executed").GetDecimal(), t.GetProperty("declaredBudget").GetDecimal(),
            Decimal(t.GetProperty("meanPrintedTotal")), t.GetProperty("printedTotals").GetInt64(),
            Decimal(t.GetProperty("meanRecomputedTotal")), t.GetProperty("recomputedTotals").GetInt64(),
            t.GetProperty("findings").GetProperty("errors").GetInt64(), t.GetProperty("findings").GetProperty("warnings").GetInt64(), t.GetProperty("findings").GetProperty("infos").GetInt64()));
        Assert.Equal(hand.Rate, Decimal(t.GetProperty("executionRate")));

        var page = await JixiaoWebFactory.HtmlAsync(client, "/forms?" + filter);
        if (hand.Forms == 0)
        {
            Assert.Null(page.QuerySelector("#form-totals"));
            return hand;
        }

        var block = page.QuerySelector("#form-totals")!;
        string? Data(string key) => block.GetAttribute("data-" + key);
        Assert.Equal(
            (IEnumerable<string?>)[hand.Forms.ToString(CultureInfo.InvariantCulture), Plain(hand.Budget), Plain(hand.Executed), Plain(hand.Rate), Plain(hand.Declared),
                Plain(hand.MeanPrinted), Plain(hand.MeanRecomputed), hand.Errors.ToString(CultureInfo.InvariantCulture),
                hand.Warnings.ToString(CultureInfo.InvariantCulture), hand.Infos.ToString(CultureInfo.InvariantCulture)],
            (IEnumerable<string?>)[Data("forms"), Data("budget"), Data("executed"), Data("rate"), Data("declared"), Data("mean-printed"), Data("mean-recomputed"), Data("errors"), Data("warnings"), Data("infos")]);
        return hand;
    }

    /// <summary>The CSV and xlsx lines (Chinese labels) the hand totals give.</summary>
    private static Dictionary<string, string> Expected(HandTotals h) => new()
    {
        ["表单数"] = Plain(h.Forms),
        ["自评表"] = Plain(h.SelfEvaluations),
        ["申报表"] = Plain(h.Declarations),
        ["全年预算数（元，自评表）"] = Plain(h.Budget),
        ["全年执行数（元，自评表）"] = Plain(h.Executed),
        ["执行率（%）"] = Plain(h.Rate),
        ["申报预算（元，申报表）"] = Plain(h.Declared),
        ["平均自评得分"] = Plain(h.MeanPrinted),
        ["有自评得分的表单"] = Plain(h.Printed),
        ["平均复核得分"] = Plain(h.MeanRecomputed),
        ["有复核得分的表单"] = Plain(h.Recomputed),
        ["错误"] = Plain(h.Errors),
        ["警告"] = Plain(h.Warnings),
        ["提示"] = Plain(h.Infos),
    };

    internal static string Plain(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static string Plain(string? number) => number is null ? "" : Plain(decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));

    private static decimal? Decimal(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();
}

/// <summary>Totals of some listed forms added up one form at a time: the execution-rate rule written out.</summary>
internal sealed record HandTotals(
    long Forms, long SelfEvaluations, long Declarations, decimal Budget, decimal Executed, decimal Declared,
    decimal? MeanPrinted, long Printed, decimal? MeanRecomputed, long Recomputed, long Errors, long Warnings, long Infos)
{
    public decimal? Rate => Budget > 0 ? Math.Round(Executed / Budget * 100m, 2, MidpointRounding.AwayFromZero) : null;

    public static HandTotals Of(IReadOnlyList<JsonElement> items)
    {
        static decimal? Number(JsonElement item, string name) => item.GetProperty(name).ValueKind == JsonValueKind.Null ? null : item.GetProperty(name).GetDecimal();
        static decimal? Mean(List<decimal> values) => values.Count == 0 ? null : Math.Round(values.Sum() / values.Count, 2, MidpointRounding.AwayFromZero);

        var declarations = items.Where(i => i.GetProperty("kind").GetString() == "target-declaration").ToList();
        var self = items.Except(declarations).ToList();
        var rated = self.Where(i => Number(i, "budget") is not null && Number(i, "executed") is not null).ToList();
        var printed = items.Select(i => Number(i, "totalScore")).OfType<decimal>().ToList();
        var recomputed = items.Select(i => Number(i, "recomputedTotal")).OfType<decimal>().ToList();
        long Findings(string severity) => items.Sum(i => (long)i.GetProperty("findings").GetProperty(severity).GetInt32());
        return new HandTotals(
            items.Count, self.Count, declarations.Count,
            rated.Sum(i => Number(i, "budget")!.Value), rated.Sum(i => Number(i, "executed")!.Value), declarations.Sum(i => Number(i, "budget") ?? 0),
            Mean(printed), printed.Count, Mean(recomputed), recomputed.Count,
            Findings("errors"), Findings("warnings"), Findings("infos"));
    }
}

/// <summary>
/// The rule on a portfolio small enough to check by eye (<see cref="TinyPortfolio"/>): a declaration and a
/// self-evaluation of one project in one year, a self-evaluation without 全年执行数, a department self-evaluation.
/// </summary>
public sealed class TinyPortfolioTests : IAsyncLifetime, IDisposable
{
    private readonly JixiaoWebFactory factory = new();
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        admin = await factory.SignedInAsync("admin", "jixiao-admin");
        using var json = new MemoryStream();
        FormJsonWriter.WriteArray(json, TinyPortfolio.Forms());
        var response = await ApiClient.UploadAsync(admin, ("tiny.json", json.ToArray()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var queued = await ApiClient.JsonAsync(response);
        var batch = await factory.WaitForBatchAsync(queued.RootElement.GetProperty("queued")[0].GetProperty("batchId").GetInt64());
        Assert.Equal(4, batch.FormCount);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task The_overview_counts_the_evaluated_money_once_and_the_declared_money_apart()
    {
        var page = await JixiaoWebFactory.HtmlAsync(admin, "/");
        Assert.Equal("1500000", page.QuerySelector("#card-budget [data-budget]")!.GetAttribute("data-budget"));
        Assert.Equal("150.00", page.QuerySelector("#card-budget .value")!.TextContent.Trim());
        Assert.Equal("1449000", page.QuerySelector("#card-budget [data-executed]")!.GetAttribute("data-executed"));
        Assert.Equal("1000000", page.QuerySelector("#card-budget [data-declared]")!.GetAttribute("data-declared"));
        Assert.Equal("申报预算 100.00", page.QuerySelector("#card-budget [data-declared]")!.TextContent.Trim());
        Assert.Equal("96.6", page.QuerySelector("#card-rate [data-rate]")!.GetAttribute("data-rate"));
        Assert.Equal("96.60%", page.QuerySelector("#card-rate .value")!.TextContent.Trim());
        Assert.NotEqual(TinyPortfolio.RateCountingEveryBudget, TinyPortfolio.ExecutionRate);
        Assert.Equal(RateRule.Text, page.QuerySelector("#card-rate")!.GetAttribute("title"));

        var year = page.QuerySelectorAll("#years-table tbody tr").Single().Children.Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["2024", "4", "150.00", "96.60%", "100.00", year[5]], year);
        var department = page.QuerySelectorAll("#departments tbody tr").Single().Children.Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal([TinyPortfolio.Department, "4", "150.00", "96.60%", "100.00"], department[..5]);

        using var chart = JsonDocument.Parse(page.QuerySelector("#overview-data")!.TextContent);
        Assert.Equal(150m, chart.RootElement.GetProperty("years").GetProperty("budget")[0].GetDecimal());
        Assert.Equal(100m, chart.RootElement.GetProperty("years").GetProperty("declared")[0].GetDecimal());
        Assert.Equal(96.6m, chart.RootElement.GetProperty("years").GetProperty("rate")[0].GetDecimal());
    }

    [Fact]
    public async Task The_statistics_and_the_list_totals_give_the_same_figures()
    {
        using var stats = await ApiClient.GetJsonAsync(admin, "/api/v1/statistics");
        var root = stats.RootElement;
        Assert.Equal(4, root.GetProperty("forms").GetInt32());
        Assert.Equal(TinyPortfolio.Budget, root.GetProperty("budget").GetDecimal());
        Assert.Equal(TinyPortfolio.Executed, root.GetProperty("executed").GetDecimal());
        Assert.Equal(TinyPortfolio.ExecutionRate, root.GetProperty("executionRate").GetDecimal());
        Assert.Equal(TinyPortfolio.DeclaredBudget, root.GetProperty("declaredBudget").GetDecimal());
        var row = root.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal((3, 1), (row.GetProperty("selfEvaluations").GetInt32(), row.GetProperty("declarations").GetInt32()));
        Assert.Equal(TinyPortfolio.Budget, row.GetProperty("budget").GetDecimal());
        Assert.Equal(TinyPortfolio.ExecutionRate, row.GetProperty("executionRate").GetDecimal());
        Assert.Equal(TinyPortfolio.DeclaredBudget, row.GetProperty("declaredBudget").GetDecimal());

        var all = await TotalsTests.AssertTotalsAsync(admin, "");
        Assert.Equal((4L, TinyPortfolio.Budget, TinyPortfolio.Executed, (decimal?)TinyPortfolio.ExecutionRate, TinyPortfolio.DeclaredBudget, (decimal?)TinyPortfolio.MeanPrintedTotal),
            (all.Forms, all.Budget, all.Executed, all.Rate, all.Declared, all.MeanPrinted));

        // the project self-evaluations alone: 项目甲 states both amounts, 项目乙 only its budget
        var self = await TotalsTests.AssertTotalsAsync(admin, "kind=self");
        Assert.Equal((2L, 1_200_000m, 1_150_000m, (decimal?)95.83m, 0m), (self.Forms, self.Budget, self.Executed, self.Rate, self.Declared));
    }
}

/// <summary>精确计数: a search past the 1,000 it counts shows the link, and the link counts every match and totals them.</summary>
public sealed class ExactCountTests
{
    [Fact]
    public async Task A_search_past_the_count_limit_is_counted_exactly_on_request()
    {
        using var factory = new JixiaoWebFactory(new Dictionary<string, string?> { ["Jixiao:Demo:Forms"] = "1100" });
        var demo = factory.Services.GetRequiredService<DemoState>();
        for (var i = 0; i < 1200 && demo.Status != DemoStatus.Ready; i++)
        {
            Assert.NotEqual(DemoStatus.Failed, demo.Status);
            await Task.Delay(50);
        }

        Assert.Equal(DemoStatus.Ready, demo.Status);
        var client = await factory.SignedInAsync("supervisor", "jixiao-supervisor");
        var search = "q=" + Uri.EscapeDataString("江海市");

        var counted = await JixiaoWebFactory.HtmlAsync(client, "/forms?" + search);
        Assert.Equal("true", counted.QuerySelector("#form-count")!.GetAttribute("data-lower-bound"));
        Assert.Equal("1000", counted.QuerySelector("#form-count")!.GetAttribute("data-total"));
        Assert.Null(counted.QuerySelector("#form-totals"));
        Assert.NotNull(counted.QuerySelector("#form-totals-pending"));
        var link = counted.QuerySelector("#exact-count")!.GetAttribute("href")!;
        Assert.Equal("/forms?" + search + "&exact=1", link);

        var exact = await JixiaoWebFactory.HtmlAsync(client, link);
        Assert.Equal("false", exact.QuerySelector("#form-count")!.GetAttribute("data-lower-bound"));
        Assert.Equal("1100", exact.QuerySelector("#form-count")!.GetAttribute("data-total"));
        Assert.Null(exact.QuerySelector("#exact-count"));
        Assert.Equal("1100", exact.QuerySelector("#form-totals")!.GetAttribute("data-forms"));

        // the API: exact=true, and the totals of a search are always exact
        using var lower = await ApiClient.GetJsonAsync(client, "/api/v1/forms?" + search);
        Assert.True(lower.RootElement.GetProperty("totalIsLowerBound").GetBoolean());
        using var all = await ApiClient.GetJsonAsync(client, "/api/v1/forms?exact=true&" + search);
        Assert.False(all.RootElement.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(1100, ApiClient.TotalCount(all));
        Assert.Equal(22, all.RootElement.GetProperty("pageCount").GetInt32());
        using var totals = await ApiClient.GetJsonAsync(client, "/api/v1/forms/totals?" + search);
        Assert.Equal(1100, totals.RootElement.GetProperty("forms").GetInt64());
    }
}
