using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;

namespace Jixiao.Ingest.Tests.Json;

/// <summary>
/// JSON that is not a form, or not UTF-8, is refused with an error of the file that names the file, the line or byte
/// and what was expected — never an empty form, never an exception (issue 10, item 9).
/// </summary>
public sealed class FormJsonReaderRefusalTests
{
    private static (List<PerformanceForm> Forms, List<Diagnostic> Diagnostics) Read(byte[] json)
    {
        var diagnostics = new List<Diagnostic>();
        var forms = FormJsonReader.Read(new MemoryStream(json), "upload.json", diagnostics.Add).ToList();
        return (forms, diagnostics);
    }

    [Fact]
    public void An_object_without_kind_or_project_name_is_not_a_form()
    {
        var (forms, diagnostics) = Read("""{"a":1}"""u8.ToArray());

        Assert.Empty(forms);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("upload.json", d.File);
        Assert.Equal(1, d.Line);
        Assert.Equal("$: 不是绩效表单：缺少 \"kind\" 和 \"projectName\"。Not a form: expected a jixiao.form/1 object with \"kind\" and \"projectName\", found only \"a\"; the value is skipped", d.Message);
        Assert.StartsWith("upload.json:1: error: $: 不是绩效表单", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_object_in_an_array_is_skipped_and_the_forms_beside_it_are_read()
    {
        var (forms, diagnostics) = Read("[\n{},\n{\"kind\":\"self-evaluation\",\"projectName\":\"学生资助\"}\n]"u8.ToArray());

        Assert.Equal("学生资助", Assert.Single(forms).ProjectName);
        var d = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(2, d.Line);
        Assert.StartsWith("$[0]: 不是绩效表单", d.Message, StringComparison.Ordinal);
        Assert.EndsWith("found no member of a form; the value is skipped", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_form_with_only_a_project_name_is_still_a_form()
    {
        var (forms, diagnostics) = Read("""{"projectName":"学生资助"}"""u8.ToArray());

        Assert.Equal("学生资助", Assert.Single(forms).ProjectName);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_names_the_byte_offset_the_line_and_what_was_expected()
    {
        // 项目 in GBK (CF EE C4 BF) inside a file that says it is JSON, on the second line
        var head = "{\"schema\":\"jixiao.form/1\",\"kind\":\"self-evaluation\",\n\"projectName\":\""u8.ToArray();
        byte[] json = [.. head, 0xCF, 0xEE, 0xC4, 0xBF, .. "\"}"u8.ToArray()];

        var (forms, diagnostics) = Read(json);

        var d = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("upload.json", d.File);
        Assert.Equal(2, d.Line);
        Assert.Equal(
            $"$.projectName: 第 {head.Length} 字节起不是有效的 UTF-8 文本（0xCFEE），JSON 文件须以 UTF-8 保存。Invalid UTF-8 at byte {head.Length} (0xCFEE): expected UTF-8 text; the file may be in GB18030/GBK — save it as UTF-8",
            d.Message);
        Assert.Equal("", Assert.Single(forms).ProjectName); // the rest of the form is read; the error fails an import
    }

    [Fact]
    public void Invalid_utf8_in_a_member_name_and_after_the_read_buffer_is_reported_at_its_offset()
    {
        // a long first form moves the bad bytes past the reader's first 64 KB
        var first = "[{\"kind\":\"self-evaluation\",\"projectName\":\"" + new string('学', 30_000) + "\"},\n";
        var prefix = Encoding.UTF8.GetBytes(first + "{\"kind\":\"self-evaluation\",\"");
        byte[] json = [.. prefix, 0xB2, 0xBB, .. "\":1}]"u8.ToArray()];

        var (forms, diagnostics) = Read(json);

        Assert.Equal(2, forms.Count);
        var d = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(2, d.Line);
        Assert.Contains($"Invalid UTF-8 at byte {prefix.Length} (0xB2BB)", d.Message, StringComparison.Ordinal);
        Assert.StartsWith("$[1]: ", d.Message, StringComparison.Ordinal);
    }
}
