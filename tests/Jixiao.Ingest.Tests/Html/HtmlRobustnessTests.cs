using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Formats;
using Jixiao.Ingest.Html;

namespace Jixiao.Ingest.Tests.Html;

/// <summary>Hostile and broken web pages: the forms found or one clear diagnostic, never a throw or a stack overflow.</summary>
public class HtmlRobustnessTests
{
    private static (List<PerformanceForm> Forms, List<Diagnostic> Reported) Read(byte[] bytes, string name = "page.html", ReadLimits? limits = null)
    {
        var reported = new List<Diagnostic>();
        using var stream = new MemoryStream(bytes);
        var forms = new HtmlFormat(limits).Read(stream, name, reported.Add).ToList();
        return (forms, reported);
    }

    [Fact]
    public void Thousands_of_nested_tables_around_the_form_do_not_overflow_the_stack()
    {
        const int depth = 5_000;
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < depth; i++)
        {
            html.Append("<table><tr><td>菜单</td><td>");
        }

        html.Append("<h1>财政项目支出绩效自评表</h1><p>（2023年度）</p>").Append(HtmlFixtures.FirstTable).Append(HtmlFixtures.SecondTable);
        for (var i = 0; i < depth; i++)
        {
            html.Append("</td></tr></table>");
        }

        html.Append("</body></html>");

        var (forms, reported) = Read(Encoding.UTF8.GetBytes(html.ToString()));

        Assert.DoesNotContain(reported, d => d.Severity == DiagnosticSeverity.Error);
        var form = Assert.Single(forms);
        Assert.Equal(("综治中心事务", 5, 94m), (form.ProjectName, form.Indicators.Count, form.TotalScore!.Value));
    }

    [Fact]
    public void Thousands_of_tables_nested_in_one_cell_are_read_without_recursion()
    {
        const int depth = 5_000;
        var html = new StringBuilder("<html><body><h1>财政项目支出绩效自评表</h1><table><tr><td>项目名称</td><td>");
        for (var i = 0; i < depth; i++)
        {
            html.Append("<table><tr><td>层</td></tr><tr><td>");
        }

        for (var i = 0; i < depth; i++)
        {
            html.Append("</td></tr></table>");
        }

        html.Append("</td></tr></table></body></html>");

        var (forms, reported) = Read(Encoding.UTF8.GetBytes(html.ToString()));

        Assert.DoesNotContain(reported, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(string.Concat(Enumerable.Repeat("层", depth)), Assert.Single(forms).ProjectName);
    }

    [Fact]
    public void A_saved_page_with_huge_scripts_reads_its_form()
    {
        var script = "<script>var data = \"" + new string('x', 8 * 1024 * 1024) + "\"; document.write('<table><tr><td>项目名称</td><td>脚本</td></tr></table>');</script>";
        var html = HtmlFixtures.Page().Replace("</title>", "</title>" + script).Replace("</body>", script + "</body>");

        var (forms, reported) = Read(Encoding.UTF8.GetBytes(html));

        Assert.Equal("综治中心事务", Assert.Single(forms).ProjectName);
        Assert.DoesNotContain(reported, d => d.Severity != DiagnosticSeverity.Info);
    }

    [Fact]
    public void Junk_bytes_named_html_are_not_recognised_and_read_as_no_table()
    {
        var junk = new byte[64 * 1024];
        new Random(9).NextBytes(junk);
        var format = new HtmlFormat();

        var (forms, reported) = Read(junk, "junk.html");

        Assert.Equal(Recognition.No, format.Recognises(junk));
        Assert.Empty(forms);
        Assert.Contains(reported, d => d.Severity == DiagnosticSeverity.Warning && d.File == "junk.html" && d.Message.Contains("holds no table"));
    }

    [Fact]
    public void A_page_larger_than_the_limit_is_refused()
    {
        var (forms, reported) = Read(Encoding.UTF8.GetBytes(HtmlFixtures.Page()), limits: new ReadLimits(TimeSpan.FromMinutes(1), MaxUncompressedBytes: 1_000));

        Assert.Empty(forms);
        var error = reported[0]; // then the assembler's "no form found"
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.StartsWith("the web page is larger than 1,000 bytes", error.Message);
    }

    [Fact]
    public void Spans_that_would_cover_millions_of_cells_stop_at_the_cell_budget()
    {
        var html = new StringBuilder("<html><body><table>");
        for (var i = 0; i < 2_000; i++)
        {
            html.Append("<tr><td colspan=\"1000\" rowspan=\"1000\">x</td></tr>");
        }

        html.Append("</table></body></html>");

        var (forms, reported) = Read(Encoding.UTF8.GetBytes(html.ToString()), limits: new ReadLimits(TimeSpan.FromMinutes(1), MaxCells: 1_000_000));

        Assert.Empty(forms);
        Assert.Contains(reported, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("more than 1,000,000 table cells"));
    }
}
