using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Tables;
using Jixiao.Ingest.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Formats;

/// <summary>
/// The placer's row entry: rows of table cells, as a PDF or Excel reader would hand them over, give the same forms as
/// the equivalent text, and their diagnostics say on which page or sheet a row is.
/// </summary>
public class TableFormReaderTests
{
    /// <summary>The corpus file as table rows: each line's TAB-separated cells, numbered like the lines.</summary>
    private static List<TableRow> RowsOf(string file) =>
        [.. File.ReadAllLines(Corpus.PathOf(file)).Select((line, i) => new TableRow(line.Split('\t'), i + 1))];

    [Theory]
    [InlineData(Corpus.Police2024, 37)]
    [InlineData(Corpus.Police2023Targets, 3)]
    [InlineData(Corpus.DataBureau2024, 34)]
    [InlineData(Corpus.Songnan2023, 5)]
    public void Rows_of_cells_give_the_same_forms_and_diagnostics_as_the_text(string file, int count)
    {
        var fromTextReported = new List<Diagnostic>();
        var fromRowsReported = new List<Diagnostic>();
        using var text = new StreamReader(Corpus.PathOf(file));

        var fromText = TextFormReader.Read(text, file, fromTextReported.Add).ToList();
        var fromRows = TableFormReader.Read(RowsOf(file), file, fromRowsReported.Add).ToList();

        Assert.Equal(count, fromRows.Count);
        Assert.Equal(fromText.Select(f => FormJsonWriter.ToJson(f)), fromRows.Select(f => FormJsonWriter.ToJson(f)));
        Assert.Equal(fromText.SelectMany(f => f.Diagnostics), fromRows.SelectMany(f => f.Diagnostics));
        Assert.Equal(fromTextReported, fromRowsReported);
    }

    [Fact]
    public void Rows_of_cells_give_the_corpus_values()
    {
        var forms = TableFormReader.Read(RowsOf(Corpus.Police2023Targets), "targets").ToList();

        Assert.Equal(40, forms.Sum(f => f.Indicators.Count));
        Assert.Equal("区特保队伍经费", forms[0].ProjectName);
        Assert.Equal("≥95%", forms[1].Indicators.Single(i => i.Name == "辅警留任率").Target);
        Assert.Equal(33_913_200m, forms[0].DeclarationFunds!.ProjectTotal);
        Assert.Equal("targets", forms[0].Provenance!.File);
    }

    [Fact]
    public void Cells_are_trimmed_and_null_cells_are_empty_as_in_text()
    {
        var rows = RowsOf(Corpus.Songnan2023)
            .Select(r => r with { Cells = [.. r.Cells.Select(c => c is null or "" ? null : "  " + c + "\u3000")] })
            .ToList();

        var fromRows = TableFormReader.Read(rows, "songnan").ToList();
        var fromText = TextFormReader.Read(new StreamReader(Corpus.PathOf(Corpus.Songnan2023)), "songnan").ToList();

        Assert.Equal([19, 5, 5, 13, 8], fromRows.Select(f => f.Indicators.Count));
        Assert.Equal(fromText.Select(f => FormJsonWriter.ToJson(f)), fromRows.Select(f => FormJsonWriter.ToJson(f)));
    }

    [Fact]
    public void Diagnostics_begin_with_the_page_or_sheet_of_their_row()
    {
        TableRow[] rows =
        [
            new(["目录"], 1, Page: 1),
            new(["财政项目支出绩效自评表"], 2, Page: 1),
            new(["(2025年度)"], 3, Page: 1),
            new(["(2024年度)"], 4, Page: 2),
            new(["项目名称", "", "社区图书室运营经费"], 5, Page: 2, Sheet: "项目表"),
        ];
        var reported = new List<Diagnostic>();

        var form = Assert.Single(TableFormReader.Read(rows, "book.pdf", reported.Add));

        var outside = Assert.Single(reported);
        Assert.Equal((1, DiagnosticSeverity.Warning), (outside.Line, outside.Severity));
        Assert.StartsWith("page 1: the line is outside any form", outside.Message, StringComparison.Ordinal);
        var secondYear = Assert.Single(form.Diagnostics, d => d.Line == 4);
        Assert.Equal("page 2: a second year (2024) under the heading: expected one year; 2025 was kept", secondYear.Message);
        Assert.Equal(("社区图书室运营经费", 2025), (form.ProjectName, form.Year!.Value));
        Assert.Equal(new Provenance("book.pdf", 2, 5), form.Provenance);
    }

    [Fact]
    public void A_failing_enumeration_keeps_the_forms_read_and_reports_where_it_stopped()
    {
        var rows = RowsOf(Corpus.Songnan2023);
        var cut = rows.FindIndex(r => r.Cells[0] == "财政项目支出绩效自评表" && r.Line > 30);
        var reported = new List<Diagnostic>();

        var forms = TableFormReader.Read(Failing(rows.Take(cut)), "failing", reported.Add).ToList();

        Assert.NotEmpty(forms);
        Assert.Equal("财政项目支出绩效自评表", rows[cut].Cells[0]);
        Assert.Equal(19, forms[0].Indicators.Count);
        var error = Assert.Single(reported, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(rows[cut - 1].Line + 1, error.Line);
        Assert.StartsWith("could not read the rows after this point (the table reader broke)", error.Message, StringComparison.Ordinal);

        static IEnumerable<TableRow> Failing(IEnumerable<TableRow> rows)
        {
            foreach (var row in rows)
            {
                yield return row;
            }

            throw new InvalidDataException("the table reader broke");
        }
    }

    [Fact]
    public void A_row_of_more_than_a_million_characters_is_cut_with_a_warning()
    {
        var rows = RowsOf(Corpus.Songnan2023);
        rows[0] = rows[0] with { Cells = ["", new string('字', 1_100_000)] };
        var reported = new List<Diagnostic>();

        var forms = TableFormReader.Read(rows, "long", reported.Add).ToList();

        var warning = Assert.Single(reported, d => d.Message.StartsWith("the row holds more than", StringComparison.Ordinal));
        Assert.Equal((1, DiagnosticSeverity.Warning), (warning.Line, warning.Severity));
        Assert.Contains("1,048,576", warning.Message, StringComparison.Ordinal);
        Assert.Equal([19, 5, 5, 13, 8], forms.Select(f => f.Indicators.Count));
    }

    [Fact]
    public void A_row_of_absurdly_many_cells_keeps_the_rest_in_its_last_cell_as_a_line_does()
    {
        var cells = Enumerable.Range(1, 5000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var fromCells = new Row();
        var fromLine = new Row();
        var line = string.Join('\t', cells).ToCharArray();

        Assert.True(fromCells.Load(cells, 7));
        fromLine.Load(line, 0, line.Length, 7);

        Assert.Equal((4096, 4096, 7), (fromCells.Count, fromLine.Count, fromCells.Line));
        Assert.Equal("4096\t4097", fromCells[4095][..9].ToString());
        Assert.Equal(fromLine[4095].ToString(), fromCells[4095].ToString());
        Assert.Equal("5000", fromCells[4095][^4..].ToString());
    }
}
