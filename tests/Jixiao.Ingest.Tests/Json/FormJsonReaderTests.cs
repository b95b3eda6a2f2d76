using System.Text;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Synthetic;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Json;

public class FormJsonReaderTests
{
    private static (List<PerformanceForm> Forms, List<Diagnostic> Diagnostics) Read(string json)
    {
        var diagnostics = new List<Diagnostic>();
        var forms = FormJsonReader.ReadString(json, "forms.json", diagnostics.Add).ToList();
        return (forms, diagnostics);
    }

    private static string WriteArray(IEnumerable<PerformanceForm> forms, bool indented = false)
    {
        using var stream = new MemoryStream();
        FormJsonWriter.WriteArray(stream, forms, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Round_trips_both_form_kinds_exactly()
    {
        var originals = new[] { FormJsonWriterTests.SelfEvaluation(), FormJsonWriterTests.Declaration() };
        var (forms, diagnostics) = Read(WriteArray(originals, indented: true));

        Assert.Empty(diagnostics);
        Assert.Equal(2, forms.Count);
        Assert.Equal(FormJsonWriter.ToJson(originals[0]), FormJsonWriter.ToJson(forms[0]));
        Assert.Equal(FormJsonWriter.ToJson(originals[1]), FormJsonWriter.ToJson(forms[1]));
        Assert.Equal(3149500m, forms[0].SelfEvaluationFunds!.Total!.Executed);
        Assert.Equal(2, forms[0].SelfEvaluationFunds!.Total!.Weight!.Value.Scale); // 10.00 stays 10.00
        Assert.Null(forms[0].SelfEvaluationFunds!.Other);
        Assert.Equal(new DateOnly(2023, 12, 31), forms[1].PlannedEnd);
        Assert.Null(forms[1].SelfEvaluationFunds);
        Assert.Equal(new Provenance("river.txt", 3, 24), forms[0].Provenance);
    }

    [Fact]
    public void Round_trips_a_thousand_generated_forms()
    {
        var originals = new FormGenerator(42, new GeneratorOptions { ErrorRate = 0.3, DamageRate = 0.3 }).Generate(1000).Select(g => g.Form).ToList();
        var (forms, diagnostics) = Read(WriteArray(originals));

        Assert.Empty(diagnostics);
        Assert.Equal(originals.Count, forms.Count);
        for (var i = 0; i < forms.Count; i++)
        {
            Assert.Equal(FormJsonWriter.ToJson(originals[i]), FormJsonWriter.ToJson(forms[i]));
        }
    }

    [Fact]
    public void Round_trips_the_corpus_as_read_from_text()
    {
        foreach (var file in Corpus.AllFiles)
        {
            using var text = new StreamReader(Corpus.PathOf(file));
            var originals = TextFormReader.Read(text, file).ToList();
            var (forms, diagnostics) = Read(WriteArray(originals));

            Assert.Empty(diagnostics);
            Assert.Equal(originals.Count, forms.Count);
            for (var i = 0; i < forms.Count; i++)
            {
                Assert.Equal(FormJsonWriter.ToJson(originals[i]), FormJsonWriter.ToJson(forms[i]));
            }
        }
    }

    [Fact]
    public void Reads_through_a_stream_that_returns_one_byte_at_a_time()
    {
        var originals = new FormGenerator(7).Generate(20).Select(g => g.Form).ToList();
        var bytes = Encoding.UTF8.GetBytes(WriteArray(originals, indented: true));
        var forms = FormJsonReader.Read(new TrickleStream(bytes), "slow.json", null).ToList();

        Assert.Equal(20, forms.Count);
        Assert.Equal(FormJsonWriter.ToJson(originals[19]), FormJsonWriter.ToJson(forms[19]));
    }

    [Fact]
    public void Reads_a_form_larger_than_the_read_buffer()
    {
        var form = FormJsonWriterTests.SelfEvaluation();
        form.Goals.Expected = string.Concat(Enumerable.Repeat("加强河道日常养护，", 30_000)); // about 800 KB of UTF-8
        var (forms, diagnostics) = Read(WriteArray([form, FormJsonWriterTests.Declaration()]));

        Assert.Empty(diagnostics);
        Assert.Equal(2, forms.Count);
        Assert.Equal(form.Goals.Expected, forms[0].Goals.Expected);
    }

    [Fact]
    public void Reads_a_single_form_object_and_json_lines()
    {
        var one = FormJsonWriter.ToJson(FormJsonWriterTests.SelfEvaluation());
        var two = FormJsonWriter.ToJson(FormJsonWriterTests.Declaration());

        Assert.Single(Read(one).Forms);
        var (forms, diagnostics) = Read(one + "\n" + two + "\n");
        Assert.Empty(diagnostics);
        Assert.Equal([FormKind.SelfEvaluation, FormKind.TargetDeclaration], forms.Select(f => f.Kind));
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_path_line_and_what_was_expected()
    {
        var json = WriteArray([FormJsonWriterTests.Declaration(), FormJsonWriterTests.SelfEvaluation()], indented: true);
        const string Good = "\"executed\": 3149500,";
        var at = json.IndexOf(Good, StringComparison.Ordinal); // the 年度资金总额 line comes first
        json = json[..at] + "\"executed\": \"3,149,500\"," + json[(at + Good.Length)..];
        var expectedLine = json[..json.IndexOf("\"3,149,500\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var (forms, diagnostics) = Read(json);

        Assert.Empty(diagnostics); // the problem belongs to the form
        Assert.Equal(2, forms.Count);
        var d = Assert.Single(forms[1].Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("forms.json", d.File);
        Assert.Equal(expectedLine, d.Line);
        Assert.Equal("$[1].funds.total.executed: expected a number or null, found a string \"3,149,500\"", d.Message);
        Assert.Null(forms[1].SelfEvaluationFunds!.Total!.Executed);
        Assert.Equal(3221300m, forms[1].SelfEvaluationFunds!.Total!.AnnualBudget);
    }

    [Fact]
    public void Invalid_enumerations_and_dates_are_reported()
    {
        var json = """
            [{"schema":"jixiao.form/1","kind":"target-declaration","plannedStart":"2023/01/01","moneyUnit":"千元","year":2023.5,
              "indicators":[{"name":"a","weight":"x"}, 3]}]
            """;
        var (forms, _) = Read(json);

        var messages = Assert.Single(forms).Diagnostics.Select(d => d.Message).ToList();
        Assert.Contains("$[0].plannedStart: expected an ISO date yyyy-MM-dd or null, found \"2023/01/01\"", messages);
        Assert.Contains("$[0].moneyUnit: expected \"万元\" or \"元\", found \"千元\"", messages);
        Assert.Contains("$[0].year: expected a whole number, found 2023.5", messages);
        Assert.Contains("$[0].indicators[0].weight: expected a number or null, found a string \"x\"", messages);
        Assert.Contains("$[0].indicators[1]: expected an indicator object, found the number 3", messages);
        Assert.All(forms[0].Diagnostics, d => Assert.Equal(d.Message.StartsWith("$[0].indicators", StringComparison.Ordinal) ? 2 : 1, d.Line));
    }

    [Fact]
    public void A_missing_kind_is_an_error_and_the_form_is_read_as_a_self_evaluation()
    {
        var (forms, _) = Read("""[{"schema":"jixiao.form/1","projectName":"x"}]""");

        var form = Assert.Single(forms);
        Assert.Equal(FormKind.SelfEvaluation, form.Kind);
        Assert.Contains(form.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.StartsWith("$[0].kind: missing or invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void A_form_of_another_schema_is_skipped_with_an_error()
    {
        var (forms, diagnostics) = Read("""[{"schema":"jixiao.form/2","kind":"self-evaluation"},{"kind":"self-evaluation","projectName":"b"}]""");

        var form = Assert.Single(forms);
        Assert.Equal("b", form.ProjectName);
        Assert.Contains(diagnostics, d => d.Message == "$[0].schema: expected \"jixiao.form/1\", found \"jixiao.form/2\"; the form is skipped");
        Assert.Contains(form.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("no \"schema\" member", StringComparison.Ordinal));
    }

    [Fact]
    public void A_syntax_error_ends_the_file_after_the_forms_before_it()
    {
        var good = FormJsonWriter.ToJson(FormJsonWriterTests.Declaration());
        var (forms, diagnostics) = Read("[\n" + good + ",\n{\"schema\": \"jixiao.form/1\",\n \"kind\": self-evaluation}]");

        Assert.Single(forms);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(4, d.Line);
        Assert.StartsWith("$[1]: invalid JSON: ", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty: expected a JSON array of jixiao.form/1 objects")]
    [InlineData("  \n ", "the file is empty: expected a JSON array of jixiao.form/1 objects")]
    [InlineData("42", "$: expected a JSON array '[' of jixiao.form/1 objects or a form object '{', found '4'")]
    [InlineData("[1]", "$[0]: expected a form object (jixiao.form/1), found the number 1")]
    [InlineData("[{\"kind\":\"self-evaluation\"}", "$: unexpected end of input: expected ']' to close the array after 1 form(s)")]
    [InlineData("[{\"kind\":", "$[0]: unexpected end of input: the value that starts here is not closed")]
    [InlineData("[{} {}]", "$: expected ',' or ']' after $[0], found '{'")]
    public void Malformed_input_gives_one_clear_error(string json, string message)
    {
        var (_, diagnostics) = Read(json);

        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message == message);
    }

    [Fact]
    public void Never_throws_on_random_bytes()
    {
        var random = new Random(5);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 0)
            {
                bytes[0] = (byte)'[';
            }

            var diagnostics = new List<Diagnostic>();
            _ = FormJsonReader.Read(new MemoryStream(bytes), "noise.json", diagnostics.Add).ToList();
            Assert.NotEmpty(diagnostics);
        }
    }

    [Fact]
    public void Never_throws_on_truncated_forms()
    {
        var json = WriteArray(new FormGenerator(3).Generate(3).Select(g => g.Form));
        for (var cut = 0; cut < json.Length; cut += 7)
        {
            var diagnostics = new List<Diagnostic>();
            var forms = FormJsonReader.ReadString(json[..cut], "cut.json", diagnostics.Add).ToList();
            Assert.True(forms.Count <= 3);
            Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Fact]
    public void A_missing_file_is_one_error()
    {
        var diagnostics = new List<Diagnostic>();
        var forms = FormJsonReader.ReadFile("/nonexistent/forms.json", diagnostics.Add).ToList();

        Assert.Empty(forms);
        var d = Assert.Single(diagnostics);
        Assert.StartsWith("cannot open the file", d.Message, StringComparison.Ordinal);
    }

    /// <summary>Returns at most one byte per read: every buffer boundary gets exercised.</summary>
    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[_position++];
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
