using System.Text.Json.Nodes;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>
/// Text from other extractors that lost the rows: every cell on a line of its own, or a whole form flattened onto one
/// line separated by spaces. The rows are rebuilt by their labels (<c>CellRegrouper</c>). Measured on the corpus turned
/// into both layouts (the cells of each line written one per line; each form's cells joined by spaces).
/// </summary>
public class CellStreamTests
{
    private static readonly string[] Form =
    [
        "财政项目支出绩效自评表",
        "(2025年度)",
        "项目名称\t\t社区图书室运营经费",
        "主管部门\t\t某区文化旅游局\t\t实施单位\t某区图书馆",
        "项目资金 (万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "\t年度资金总额\t50.00\t48.00\t45.60\t10\t95.00%\t9.5",
        "\t其中：当年财政拨款\t50.00\t48.00\t45.60\t—\t95.00%\t—",
        "\t上年结转资金\t0\t0\t0\t—\t—\t—",
        "\t其他资金\t0\t0\t0\t—\t—\t—",
        "年度总体目标\t预期目标\t\t实际完成情况",
        "\t全年开放300天\t\t全年开放296天",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t开放天数\t≥300天\t296天\t30\t28\t设备检修闭馆四天",
        "\t时效指标\t图书上架及时性\t及时\t及时\t20\t20",
        "效益指标\t社会效益指标\t借阅人次\t≥2万\t2.1万\t30\t30",
        "满意度指标\t服务对象满意度指标\t读者满意度\t≥90%\t93%\t10\t10",
        "总分\t\t\t\t\t100\t97.5",
    ];

    private static List<PerformanceForm> Read(string text) => [.. TextFormReader.Read(new StringReader(text), "variant.txt")];

    private static string CellPerLine(IEnumerable<string> lines) =>
        string.Join('\n', lines.SelectMany(l => l.Split('\t')).Select(c => c.Trim()).Where(c => c.Length > 0));

    /// <summary>Each form's cells joined by single spaces, one form per line (a form begins at its heading).</summary>
    private static string Flattened(IEnumerable<string> lines)
    {
        var forms = new List<List<string>>();
        foreach (var line in lines)
        {
            var cells = line.Split('\t').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
            if (cells.Count == 0)
            {
                continue;
            }

            var joined = string.Join(' ', cells);
            if (forms.Count == 0 || (joined.Length < 40 && (joined.Contains("自评表", StringComparison.Ordinal) || joined.Contains("申报表", StringComparison.Ordinal))))
            {
                forms.Add([]);
            }

            forms[^1].Add(joined);
        }

        return string.Join('\n', forms.Select(f => string.Join(' ', f)));
    }

    [Fact]
    public void Reads_a_form_printed_one_cell_per_line_as_the_tab_separated_form()
    {
        var expected = Read(string.Join('\n', Form));
        FormFields.AssertSame(expected, Read(CellPerLine(Form)), "one cell per line");
    }

    [Fact]
    public void Reads_a_form_flattened_onto_one_line_as_the_tab_separated_form()
    {
        var expected = Read(string.Join('\n', Form));
        var flat = Flattened(Form);
        Assert.Single(flat.Split('\n'));
        FormFields.AssertSame(expected, Read(flat), "flattened");
    }

    [Fact]
    public void Tab_separated_text_is_not_taken_for_one_cell_per_line()
    {
        Assert.False(TextFormReader.IsCellPerLine([.. Form.Select((l, i) => (l, i + 1))]));
        Assert.True(TextFormReader.IsCellPerLine([.. CellPerLine(Form).Split('\n').Select((l, i) => (l, i + 1))]));
        Assert.False(TextFormReader.IsFlattenedForm(Form[2]));
        Assert.True(TextFormReader.IsFlattenedForm(Flattened(Form)));
    }

    /// <summary>Measured share of fields equal to the tab-separated reading (see docs/formats.md): a floor below the measure, not a target.</summary>
    [Theory]
    [InlineData(Corpus.Police2024, 0.985, 0.965)]
    [InlineData(Corpus.DataBureau2024, 0.98, 0.975)]
    [InlineData(Corpus.Songnan2023, 0.985, 0.9)]
    public void Corpus_files_in_both_layouts_keep_their_forms_and_nearly_every_field(string file, double cellsFloor, double flatFloor)
    {
        var lines = File.ReadAllLines(Corpus.PathOf(file));
        var expected = Read(string.Join('\n', lines));
        foreach (var (layout, text, floor) in new[] { ("cells", CellPerLine(lines), cellsFloor), ("flat", Flattened(lines), flatFloor) })
        {
            var actual = Read(text);
            Assert.Equal(expected.Count, actual.Count);
            var (same, total) = Compare(expected, actual);
            Assert.True((double)same / total >= floor, $"{file} {layout}: {same}/{total} fields equal ({(double)same / total:P1}), expected at least {floor:P1}");
        }
    }

    private static (int Same, int Total) Compare(IReadOnlyList<PerformanceForm> expected, IReadOnlyList<PerformanceForm> actual)
    {
        int same = 0, total = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var e = Leaves(JsonNode.Parse(FormFields.Canonical(expected[i])), "");
            var a = Leaves(JsonNode.Parse(FormFields.Canonical(actual[i])), "");
            foreach (var key in e.Keys.Union(a.Keys))
            {
                total++;
                if (e.GetValueOrDefault(key) == a.GetValueOrDefault(key))
                {
                    same++;
                }
            }
        }

        return (same, total);
    }

    private static Dictionary<string, string?> Leaves(JsonNode? node, string path)
    {
        var leaves = new Dictionary<string, string?>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    foreach (var leaf in Leaves(v, path + "." + k))
                    {
                        leaves[leaf.Key] = leaf.Value;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var leaf in Leaves(a[i], $"{path}[{i}]"))
                    {
                        leaves[leaf.Key] = leaf.Value;
                    }
                }

                break;
            default:
                leaves[path] = node?.ToJsonString();
                break;
        }

        return leaves;
    }
}
