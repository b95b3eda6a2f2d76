using System.Globalization;
using System.Text.Json;
using Jixiao.App.Filings;
using Jixiao.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Filings;

/// <summary>
/// The editor of one filing (填报): a target declaration (绩效目标申报表) or a self-evaluation (绩效自评表), as its
/// status and the caller's part allow — the filler edits a draft or a returned form (checked live, autosaved with the
/// version edited), a reviewer reads it, comments on cells, returns or approves it, the finance bureau publishes it.
/// The page carries the filing as the API gives it (<see cref="FilingDetail"/>) and, for a self-evaluation, the
/// declaration it continues; <c>wwwroot/js/filing-editor.js</c> builds the editor on <c>/api/v1/filings</c>.
/// </summary>
public sealed class FilingEditorModel(FilingCatalog filings) : PageModel
{
    /// <summary>The filing as the API gives it, as JSON for the page's script.</summary>
    public string FilingJsonText { get; private set; } = "";

    /// <summary>The content of the declaration a self-evaluation continues, or "null".</summary>
    public string DeclarationJson { get; private set; } = "null";

    public FilingDetail Filing { get; private set; } = null!;

    public static string Link(long id) => "/filings/" + id.ToString(CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var caller = User.Caller();
        var view = await filings.GetAsync(caller, id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        Filing = FilingJson.ToDetail(view);
        FilingJsonText = JsonSerializer.Serialize(Filing, FilingJson.Context.FilingDetail);
        if (view.Filing.DeclarationFilingId is { } declarationId && await filings.GetAsync(caller, declarationId, cancellationToken) is { } declaration)
        {
            DeclarationJson = declaration.Filing.Content;
        }

        return Page();
    }
}
