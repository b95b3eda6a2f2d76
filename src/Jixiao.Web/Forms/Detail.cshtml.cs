using Jixiao.App.Forms;
using Jixiao.Web.Accounts;
using Jixiao.Web.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Forms;

/// <summary>
/// One form laid out like the official table, printed values with the recomputed ones beside them, every finding
/// marked on its cell and listed below, and the source lines of the file it was read from. A form outside a
/// department user's department is "not found" (404), like a missing one.
/// </summary>
public sealed class DetailModel(FormCatalog forms, UploadStore uploads) : PageModel
{
    public FormSheet Sheet { get; private set; } = null!;

    public IReadOnlyList<(int Line, string Text)> SourceLines { get; private set; } = [];

    /// <summary>Source lines that findings or indicator rows point at.</summary>
    public HashSet<int> HighlightLines { get; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var detail = await forms.GetAsync(User.Caller(), id, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        Sheet = new FormSheet(detail);
        var f = detail.Form;
        if (detail.Batch is { } batch && f.SourceFirstLine is { } first && f.SourceLastLine is { } last)
        {
            SourceLines = await uploads.ReadLinesAsync(batch.Id, batch.FileName, first, last, cancellationToken);
        }

        foreach (var finding in detail.Findings)
        {
            if (finding.SourceLine > 0)
            {
                HighlightLines.Add(finding.SourceLine);
            }
        }

        return Page();
    }
}
