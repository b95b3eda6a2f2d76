using System.Text;
using System.Text.Json;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;

namespace Jixiao.Ingest.Tests.Json;

public class FormJsonWriterTests
{
    internal static PerformanceForm SelfEvaluation() => new()
    {
        Kind = FormKind.SelfEvaluation,
        Year = 2024,
        ProjectName = "2024年河道日常养护（临财预〔2024〕12号）",
        Department = "江海市临江区水务局",
        ImplementingUnit = "江海市临江区河道管理所",
        MoneyUnit = MoneyUnit.TenThousandYuan,
        SelfEvaluationFunds = new SelfEvaluationFunds
        {
            Total = new FundLine { InitialBudget = 3221300.00m, AnnualBudget = 3221300.00m, Executed = 3149500.00m, Weight = 10.00m, ExecutionRate = 97.77m, Score = 9.78m },
            Appropriation = new FundLine { InitialBudget = 3221300.00m, AnnualBudget = 3221300.00m, Executed = 3149500.00m, ExecutionRate = 97.77m },
            Carryover = new FundLine { InitialBudget = 0.00m, AnnualBudget = 0.00m, Executed = 0.00m, ExecutionRate = 0.00m },
            Other = null,
        },
        Goals = new Goals { Expected = "改善河道水环境，保障防汛安全。", Actual = "全年养护河道 42 公里，水质稳中向好。" },
        Indicators =
        [
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "养护河道长度", Target = "=42.00(公里)", Actual = "42.00(公里)", Weight = 50.00m, Score = 50.00m },
            new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "群众投诉率", Target = "<5.00(%)", Actual = "3.10(%)", Weight = 30.00m, Score = 27.00m, Deviation = "个别点位清理不及时，下一步加强巡查。" },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "沿河居民满意度", Target = "≥85.00(%)", Actual = "91.00(%)", Weight = 10.00m, Score = 10.00m },
        ],
        TotalWeight = 100.00m,
        TotalScore = 96.78m,
        Grade = "优",
        Provenance = new Provenance("river.txt", 3, 24),
    };

    internal static PerformanceForm Declaration() => new()
    {
        Kind = FormKind.TargetDeclaration,
        Year = 2023,
        ProjectName = "社区长者食堂运营补贴",
        Department = "江海市云溪区民政局",
        ImplementingUnit = "江海市云溪区养老服务指导中心",
        Category = "经常性项目",
        PlannedStart = new DateOnly(2023, 1, 1),
        PlannedEnd = new DateOnly(2023, 12, 31),
        MoneyUnit = MoneyUnit.TenThousandYuan,
        DeclarationFunds = new DeclarationFunds
        {
            ProjectTotal = 33913200.00m,
            ProjectFiscal = 33913200.00m,
            AnnualTotal = 33913200.00m,
            AnnualAppropriation = 33913200.00m,
        },
        Goals = new Goals { Overall = "完善社区助餐服务网络。", Annual = "全年提供助餐服务 12 万人次。" },
        Indicators =
        [
            // a declaration has no actual, weight, score or deviation: the writer prints null even if the model has them
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "助餐服务人次", Target = "12 万人次", Actual = "x", Weight = 5, Score = 5, Deviation = "x" },
        ],
        TotalScore = 99,
    };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Writes_every_member_of_a_self_evaluation_in_schema_order()
    {
        var root = Parse(FormJsonWriter.ToJson(SelfEvaluation()));

        Assert.Equal(
            ["schema", "kind", "year", "projectName", "department", "implementingUnit", "category", "plannedStart", "plannedEnd",
             "moneyUnit", "funds", "goals", "indicators", "totalWeight", "totalScore", "grade", "provenance"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("jixiao.form/1", root.GetProperty("schema").GetString());
        Assert.Equal("self-evaluation", root.GetProperty("kind").GetString());
        Assert.Equal(2024, root.GetProperty("year").GetInt32());
        Assert.Equal("万元", root.GetProperty("moneyUnit").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("category").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("plannedStart").ValueKind);

        var funds = root.GetProperty("funds");
        Assert.Equal(["total", "appropriation", "carryover", "other"], funds.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(JsonValueKind.Null, funds.GetProperty("other").ValueKind);
        var total = funds.GetProperty("total");
        Assert.Equal(["initialBudget", "annualBudget", "executed", "weight", "executionRate", "score"], total.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(3149500m, total.GetProperty("executed").GetDecimal());
        Assert.Equal(JsonValueKind.Null, funds.GetProperty("appropriation").GetProperty("weight").ValueKind);

        var goals = root.GetProperty("goals");
        Assert.Equal(["expected", "actual"], goals.EnumerateObject().Select(p => p.Name).ToArray());

        var indicator = root.GetProperty("indicators")[1];
        Assert.Equal(["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"], indicator.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("社会效益指标", indicator.GetProperty("level2").GetString());
        Assert.Equal("<5.00(%)", indicator.GetProperty("target").GetString());
        Assert.Equal(27m, indicator.GetProperty("score").GetDecimal());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("indicators")[0].GetProperty("deviation").ValueKind);

        Assert.Equal("优", root.GetProperty("grade").GetString());
        var provenance = root.GetProperty("provenance");
        Assert.Equal("river.txt", provenance.GetProperty("file").GetString());
        Assert.Equal(3, provenance.GetProperty("firstLine").GetInt32());
        Assert.Equal(24, provenance.GetProperty("lastLine").GetInt32());
    }

    [Fact]
    public void Writes_declaration_funds_goals_dates_and_nulls_for_what_a_declaration_lacks()
    {
        var root = Parse(FormJsonWriter.ToJson(Declaration()));

        Assert.Equal("target-declaration", root.GetProperty("kind").GetString());
        Assert.Equal("经常性项目", root.GetProperty("category").GetString());
        Assert.Equal("2023-01-01", root.GetProperty("plannedStart").GetString());
        Assert.Equal("2023-12-31", root.GetProperty("plannedEnd").GetString());
        var funds = root.GetProperty("funds");
        Assert.Equal(
            ["projectTotal", "projectFiscal", "projectOther", "annualTotal", "annualAppropriation", "annualCarryover", "annualOther"],
            funds.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("33913200", funds.GetProperty("projectTotal").GetRawText());
        Assert.Equal(JsonValueKind.Null, funds.GetProperty("projectOther").ValueKind);
        Assert.Equal(["overall", "annual"], root.GetProperty("goals").EnumerateObject().Select(p => p.Name).ToArray());

        var indicator = root.GetProperty("indicators")[0];
        Assert.Equal("12 万人次", indicator.GetProperty("target").GetString());
        foreach (var member in new[] { "actual", "weight", "score", "deviation" })
        {
            Assert.Equal(JsonValueKind.Null, indicator.GetProperty(member).ValueKind);
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("totalWeight").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("totalScore").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("provenance").ValueKind);
    }

    [Fact]
    public void Amounts_drop_trailing_zeros_and_scores_keep_their_printed_precision()
    {
        var form = SelfEvaluation();
        form.MoneyUnit = MoneyUnit.Yuan;
        form.SelfEvaluationFunds!.Total!.AnnualBudget = 12814895.16m;
        form.Indicators[2].Score = 4.9m;
        form.Indicators[2].Weight = 5m;

        var root = Parse(FormJsonWriter.ToJson(form));
        var total = root.GetProperty("funds").GetProperty("total");

        Assert.Equal("元", root.GetProperty("moneyUnit").GetString());
        Assert.Equal("3221300", total.GetProperty("initialBudget").GetRawText());
        Assert.Equal("12814895.16", total.GetProperty("annualBudget").GetRawText());
        Assert.Equal("10.00", total.GetProperty("weight").GetRawText());
        Assert.Equal("97.77", total.GetProperty("executionRate").GetRawText());
        Assert.Equal("96.78", root.GetProperty("totalScore").GetRawText());
        Assert.Equal("50.00", root.GetProperty("indicators")[0].GetProperty("weight").GetRawText());
        Assert.Equal("4.9", root.GetProperty("indicators")[2].GetProperty("score").GetRawText());
        Assert.Equal("5", root.GetProperty("indicators")[2].GetProperty("weight").GetRawText());
        Assert.Equal("0", root.GetProperty("funds").GetProperty("carryover").GetProperty("executed").GetRawText());
    }

    [Theory]
    [InlineData(3221300.00, "3221300")]
    [InlineData(0.50, "0.5")]
    [InlineData(12814895.160, "12814895.16")]
    [InlineData(0, "0")]
    [InlineData(-100.0, "-100")]
    public void Shortest_removes_only_trailing_fractional_zeros(double value, string expected) =>
        Assert.Equal(expected, FormJsonWriter.Shortest((decimal)value).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Keeps_Chinese_text_and_comparison_signs_unescaped()
    {
        var json = FormJsonWriter.ToJson(SelfEvaluation());

        Assert.Contains("\"projectName\":\"2024年河道日常养护（临财预〔2024〕12号）\"", json, StringComparison.Ordinal);
        Assert.Contains("\"target\":\"<5.00(%)\"", json, StringComparison.Ordinal);
        Assert.Contains("\"target\":\"≥85.00(%)\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_an_empty_array_when_there_are_no_forms()
    {
        using var stream = new MemoryStream();
        var count = FormJsonWriter.WriteArray(stream, []);

        Assert.Equal(0, count);
        Assert.Equal("[]", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Indented_output_puts_members_on_their_own_lines()
    {
        using var stream = new MemoryStream();
        FormJsonWriter.WriteArray(stream, [SelfEvaluation()], indented: true);
        var text = Encoding.UTF8.GetString(stream.ToArray());

        Assert.StartsWith("[\n  {\n    \"schema\": \"jixiao.form/1\",", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse(text).RootElement.EnumerateArray());
    }

    [Fact]
    public void Streams_forms_to_the_stream_before_the_array_is_complete()
    {
        using var stream = new MemoryStream();
        using var writer = new FormJsonWriter(stream);
        var form = SelfEvaluation();
        for (var i = 0; i < 200; i++)
        {
            writer.Write(form);
        }

        var beforeComplete = stream.Length;
        writer.Complete();
        var total = stream.Length;

        // at most one flush threshold (32 KiB) and the closing bracket were held back: the rest was streamed
        Assert.True(total > 200 * 1000, $"{total} bytes for 200 forms");
        Assert.True(total - beforeComplete <= (32 * 1024) + 4096, $"{total - beforeComplete} of {total} bytes were held until Complete");
        Assert.Equal(200, writer.Count);
        Assert.Equal(200, JsonDocument.Parse(stream.ToArray()).RootElement.GetArrayLength());
    }
}
