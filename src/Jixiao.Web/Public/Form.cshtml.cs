using Jixiao.Data.Forms;
using Jixiao.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Public;

/// <summary>
/// One published form for anyone (/public/forms/{id}): the official table, laid out by the same code as the signed-in
/// form page and its print view (Shared/_OfficialTable.cshtml), without findings, recomputed values or anything of the
/// review. A form that is not published now — imported, being filled, under review, or taken off — is "not found".
/// </summary>
public sealed class FormModel(PublishedForms published) : PageModel
{
    public PublicForm Published { get; private set; } = null!;

    public FormSheet Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await published.GetAsync(id, cancellationToken) is not { } form)
        {
            return NotFound();
        }

        Published = form;
        Sheet = new FormSheet(form.Detail);
        return Page();
    }
}
