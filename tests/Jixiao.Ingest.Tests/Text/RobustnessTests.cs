using Jixiao.Core.Forms;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Text;

/// <summary>Damaged input never throws; it gives what could be read and says what was wrong.</summary>
public class RobustnessTests
{
    public static TheoryData<string> Files => new(Corpus.AllFiles);

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_files_cut_at_every_37th_line(string file)
    {
        var lines = File.ReadAllLines(Corpus.PathOf(file));
        var complete = CorpusForms.Of(file).Forms;
        for (var cut = 37; cut < lines.Length; cut += 37)
        {
            var reported = new List<Diagnostic>();
            var forms = TextFormReader.Read(new StringReader(string.Join('\n', lines[..cut])), file, reported.Add).ToList();
            Assert.DoesNotContain(reported.Concat(forms.SelectMany(f => f.Diagnostics)), d => d.Message.StartsWith("internal error", StringComparison.Ordinal));

            // Every form that ended before the cut is read as in the whole file.
            var whole = complete.Where(f => f.Provenance!.LastLine <= cut).ToList();
            Assert.True(forms.Count >= whole.Count);
            for (var k = 0; k < whole.Count; k++)
            {
                Assert.Equal(whole[k].Indicators.Count, forms[k].Indicators.Count);
                Assert.Equal(whole[k].TotalScore, forms[k].TotalScore);
            }

            // The form that was cut says so.
            var last = forms.LastOrDefault();
            if (last is not null && last.Kind == FormKind.SelfEvaluation && last.TotalScore is null)
            {
                Assert.Contains(last.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("总分", StringComparison.Ordinal));
            }

            if (forms.Count == 0)
            {
                Assert.Contains(reported, d => d.Severity == DiagnosticSeverity.Error && d.Message.StartsWith("no form found", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_shuffled_lines_without_throwing_and_says_what_it_could_not_place(string file)
    {
        var lines = File.ReadAllLines(Corpus.PathOf(file));
        var random = new Random(20240601);
        for (var round = 0; round < 5; round++)
        {
            var shuffled = lines.OrderBy(_ => random.Next()).ToArray();
            var reported = new List<Diagnostic>();
            var forms = TextFormReader.Read(new StringReader(string.Join('\n', shuffled)), file, reported.Add).ToList();
            var diagnostics = reported.Concat(forms.SelectMany(f => f.Diagnostics)).ToList();
            Assert.Contains(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
            Assert.All(diagnostics, d => Assert.InRange(d.Line, 0, lines.Length));
            Assert.All(diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            Assert.DoesNotContain(diagnostics, d => d.Message.StartsWith("internal error", StringComparison.Ordinal));
            Assert.All(forms, f => Assert.NotNull(f.Provenance));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_files_with_random_byte_flips_without_throwing(string file)
    {
        var bytes = File.ReadAllBytes(Corpus.PathOf(file));
        var random = new Random(7);
        for (var round = 0; round < 10; round++)
        {
            var damaged = (byte[])bytes.Clone();
            for (var k = 0; k < 20; k++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            var reported = new List<Diagnostic>();
            var forms = FormFileReader.Read(new MemoryStream(damaged), file, reported.Add).ToList();
            var diagnostics = reported.Concat(forms.SelectMany(f => f.Diagnostics)).ToList();
            Assert.True(forms.Count > 0 || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error));
            Assert.DoesNotContain(diagnostics, d => d.Message.StartsWith("internal error", StringComparison.Ordinal));
            Assert.All(forms, f => Assert.All(f.Indicators, i => Assert.NotNull(i.Name)));
        }
    }

    [Fact]
    public void Reads_rows_made_of_random_corpus_cells_without_internal_errors()
    {
        var cells = Corpus.AllFiles
            .SelectMany(f => File.ReadAllLines(Corpus.PathOf(f)))
            .SelectMany(l => l.Split('\t'))
            .Distinct()
            .ToArray();
        var random = new Random(11);
        for (var round = 0; round < 40; round++)
        {
            var lines = Enumerable.Range(0, 300).Select(_ =>
                random.Next(12) == 0 ? "" : string.Join('\t', Enumerable.Range(0, random.Next(1, 11)).Select(_ => random.Next(3) == 0 ? "" : cells[random.Next(cells.Length)])));
            var reported = new List<Diagnostic>();
            var forms = TextFormReader.Read(new StringReader(string.Join('\n', lines)), "soup.txt", reported.Add).ToList();
            var diagnostics = reported.Concat(forms.SelectMany(f => f.Diagnostics)).ToList();
            Assert.DoesNotContain(diagnostics, d => d.Message.StartsWith("internal error", StringComparison.Ordinal));
            Assert.All(forms, f => Assert.All(f.Indicators, i => Assert.InRange(i.SourceLine, f.Provenance!.FirstLine, f.Provenance.LastLine)));
        }
    }

    [Fact]
    public void Reports_an_empty_input_as_no_form()
    {
        var reported = new List<Diagnostic>();
        Assert.Empty(TextFormReader.Read(new StringReader(""), "empty.txt", reported.Add));
        var error = Assert.Single(reported);
        Assert.Equal((DiagnosticSeverity.Error, 0, "empty.txt"), (error.Severity, error.Line, error.File));
        Assert.Equal("no form found: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row", error.Message);
    }

    [Fact]
    public void Reports_lines_outside_any_form_with_their_line_numbers()
    {
        var reported = new List<Diagnostic>();
        Assert.Empty(TextFormReader.Read(new StringReader("\n目录\n第一部分\t说明\n"), "notes.txt", reported.Add));
        Assert.Equal([2, 3, 0], reported.Select(d => d.Line));
        Assert.Contains("outside any form", reported[0].Message);
        Assert.Contains("'目录'", reported[0].Message);
        Assert.Equal(DiagnosticSeverity.Error, reported[2].Severity);
    }

    [Fact]
    public void Reads_a_10_MB_single_line_without_throwing()
    {
        var reported = new List<Diagnostic>();
        var line = new string('数', 10 * 1024 * 1024);
        Assert.Empty(TextFormReader.Read(new StringReader(line), "long.txt", reported.Add));
        Assert.Contains(reported, d => d.Line == 1 && d.Message.Contains("longer than", StringComparison.Ordinal));
        Assert.Contains(reported, d => d.Severity == DiagnosticSeverity.Error && d.Message.StartsWith("no form found", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_the_forms_around_a_10_MB_line()
    {
        var text = File.ReadAllText(Corpus.PathOf(Corpus.Songnan2023));
        var reported = new List<Diagnostic>();
        var forms = TextFormReader.Read(new StringReader(text + "\n" + new string('x', 10_000_000) + "\n" + text), "twice.txt", reported.Add).ToList();
        Assert.Equal(10, forms.Count);
        Assert.Equal(100, forms.Sum(f => f.Indicators.Count));
        Assert.Contains(forms[4].Diagnostics, d => d.Line == 127 && d.Message.Contains("longer than", StringComparison.Ordinal));
        Assert.Equal(forms[0].Indicators.Count, forms[5].Indicators.Count);
        Assert.Equal(127 + 3, forms[5].Provenance!.FirstLine);
    }

    [Fact]
    public void Reads_control_characters_and_stray_markup_inside_a_form_without_throwing()
    {
        var text = File.ReadAllText(Corpus.PathOf(Corpus.Songnan2023));
        var noisy = text.Replace("\t10\t", "\t\u0001\u0007\t", StringComparison.Ordinal).Replace("总分", "总分\t\t\t\t\t\t\t\t\t\t\t\t\t", StringComparison.Ordinal);
        var forms = TextFormReader.Read(new StringReader(noisy), "noisy.txt").ToList();
        Assert.Equal(5, forms.Count);
        Assert.Contains(forms.SelectMany(f => f.Diagnostics), d => d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Does_not_throw_when_the_reader_fails()
    {
        var reported = new List<Diagnostic>();
        var forms = TextFormReader.Read(new FailingReader(File.ReadAllText(Corpus.PathOf(Corpus.Songnan2023))[..3000]), "failing.txt", reported.Add).ToList();
        Assert.Equal(4, forms.Count);
        Assert.Equal([19, 5, 5, 0], forms.Select(f => f.Indicators.Count));
        Assert.Contains(forms[^1].Diagnostics, d => d.Message.Contains("总分", StringComparison.Ordinal));
        var error = Assert.Single(reported);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("could not read", error.Message);
    }

    private sealed class FailingReader(string text) : TextReader
    {
        private int position;

        public override int Read(char[] buffer, int index, int count)
        {
            if (position >= text.Length)
            {
                throw new IOException("disk unplugged");
            }

            var n = Math.Min(count, Math.Min(500, text.Length - position));
            text.CopyTo(position, buffer, index, n);
            position += n;
            return n;
        }
    }
}
