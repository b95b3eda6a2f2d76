using Jixiao.Core.Forms;
using Jixiao.Ingest.Excel;
using Jixiao.Ingest.Tests.RoundTrip;
using Jixiao.Ingest.Tests.Text;
using Jixiao.Tests.Shared;

namespace Jixiao.Ingest.Tests.Excel;

/// <summary>
/// Export → (no change) → import of the official workbook (issue 11, item 4): every form of the corpus (read with the
/// text reader) and every Shenzhen declaration (read with the .xlsx reader) comes back equal to itself, field for
/// field (<see cref="FormFields"/>: the interchange format's fields without where the form was read from), with no
/// message about any cell.
/// </summary>
public sealed class OfficialWorkbookRoundTripTests
{
    private static readonly Lazy<Dictionary<string, List<PerformanceForm>>> Shenzhen = new(() =>
        RealWorld.ShenzhenWorkbooks.ToDictionary(path => Path.GetFileName(path), path => FormFileReader.Read(path, _ => { }).ToList()));

    public static TheoryData<string> CorpusFiles => [.. Corpus.AllFiles];

    public static TheoryData<string> ShenzhenFiles => [.. RealWorld.ShenzhenWorkbooks.Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_form_comes_back_from_its_official_workbook_field_for_field(string file)
    {
        var forms = CorpusForms.Of(file).Forms;
        Assert.NotEmpty(forms);
        AssertRoundTrips(file, forms);
    }

    [Theory]
    [MemberData(nameof(ShenzhenFiles))]
    public void Every_shenzhen_declaration_comes_back_from_its_official_workbook_field_for_field(string file)
    {
        var forms = Shenzhen.Value[file];
        Assert.NotEmpty(forms);
        AssertRoundTrips(file, forms);
    }

    private static void AssertRoundTrips(string file, IReadOnlyList<PerformanceForm> forms)
    {
        var failures = new List<string>();
        for (var i = 0; i < forms.Count; i++)
        {
            var expected = forms[i];
            var result = OfficialWorkbookReader.Read(OfficialWorkbook.Write(expected), "form.xlsx");
            var where = $"{file}, form {i + 1} ({expected.ProjectName})";
            if (result.Form is not { } read)
            {
                failures.Add($"{where}: not read: {string.Join(" | ", result.Messages.Select(m => m.Text.En))}");
                continue;
            }

            failures.AddRange(result.Messages.Select(m => $"{where}: {m.Severity} {m.Text.Code}: {m.Text.En}"));
            failures.AddRange(FormFields.Differences(expected, read).Select(d => $"{where}: {d}"));
            if (read.Kind != expected.Kind)
            {
                failures.Add($"{where}: kind {expected.Kind} read as {read.Kind}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n{string.Join('\n', failures.Take(40))}");
    }
}
