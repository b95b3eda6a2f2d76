using Jixiao.App.Filings;
using Jixiao.Core.Forms;
using Jixiao.Core.Workflow;
using Jixiao.Data.Filings;
using Jixiao.Web.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Filings;

/// <summary>
/// A new filing (新建填报), for a department user: a target declaration (绩效目标申报表) from its heading, or a
/// self-evaluation (绩效自评表) from an approved declaration of the same project (indicators, targets and weights
/// carried over). The draft is created by <see cref="CreateFiling"/> and opened in the editor (<c>/filings/{id}</c>).
/// </summary>
[Authorize(Policy = UserClaims.CanFillPolicy)]
public sealed class NewFilingModel(CreateFiling create, FilingCatalog filings) : PageModel
{
    /// <summary>The approved (or published) declarations of the caller's department a self-evaluation may continue.</summary>
    public IReadOnlyList<FilingItem> Declarations { get; private set; } = [];

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public int? Year { get; set; }

    [BindProperty]
    public string? ProjectName { get; set; }

    [BindProperty]
    public string? ImplementingUnit { get; set; }

    [BindProperty]
    public long? DeclarationId { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year ??= DateTime.UtcNow.Year + 1;
        Kind ??= Request.Query["kind"].ToString() is { Length: > 0 } k ? k : "target-declaration";
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var kind = FilingJson.ParseKind(Kind) ?? FormKind.TargetDeclaration;
        var draft = kind == FormKind.SelfEvaluation && DeclarationId is { } declaration
            ? new FilingDraft(kind) { DeclarationFilingId = declaration }
            : new FilingDraft(kind, Year, ProjectName, ImplementingUnit);
        var result = await create.ExecuteAsync(User.Caller(), draft, cancellationToken);
        if (result.Succeeded && result.Filing is { } view)
        {
            return Redirect(FilingEditorModel.Link(view.Filing.Id));
        }

        Error = result.Message is { } m ? Ui.T(m.Zh, m.En) : Ui.T("无法新建。", "Cannot start the form.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = User.Caller();
        var approved = await filings.ListAsync(caller, FilingStatus.Approved, FormKind.TargetDeclaration, null, 1, 200, cancellationToken);
        var published = await filings.ListAsync(caller, FilingStatus.Published, FormKind.TargetDeclaration, null, 1, 200, cancellationToken);
        Declarations = [.. approved.Items.Concat(published.Items).OrderByDescending(f => f.Year).ThenBy(f => f.ProjectName, StringComparer.Ordinal)];
    }
}
