using System.Globalization;
using Jixiao.App.Library;
using Jixiao.Core.Library;
using Jixiao.Data.Library;
using Jixiao.Web.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Library;

/// <summary>
/// One entry of the indicator library (<c>/library/{id}</c>): its levels and spellings, how often it is used by
/// department, project type and year, its typical targets with what the self-evaluations reached — and, for
/// administrators, its curation (absorb a synonym, split it off, recommend, retire). A merged entry's address leads
/// to the entry it is merged into. Department users see their own department by name and the others as one
/// anonymous row.
/// </summary>
public sealed class EntryModel(IndicatorLibrary library) : PageModel
{
    public LibraryEntryDetail Entry { get; private set; } = null!;

    /// <summary>The project type the figures are restricted to (<c>?type=</c>), or null.</summary>
    public ProjectType? Type { get; private set; }

    public bool CanCurate => User.May(App.Access.Permission.CurateLibrary);

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Message = TempData["library-message"] as string;
        Type = ProjectTypes.ByCode(Request.Query["type"].ToString());
        if (await library.EntryAsync(User.Caller(), id, Type?.Code, cancellationToken) is not { } entry)
        {
            return NotFound();
        }

        if (entry.Id != id)
        {
            return Redirect(UrlOf(entry.Id) + (Type is null ? "" : "?type=" + Type.Code));
        }

        Entry = entry;
        return Page();
    }

    /// <summary>
    /// A curation (<paramref name="curation"/>: absorb, split, recommend, unrecommend, retire, restore; <paramref name="entry"/>:
    /// the entry absorbed). Done: back to the entry (post/redirect/get) with a message; refused: the page with the reason.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(long id, string? curation, long? entry, string? note, [FromServices] CurateLibrary curate, CancellationToken cancellationToken)
    {
        var action = ActionOf(curation);
        var caller = User.Caller();
        // a split names the spelling split off (listed on the page of the entry it is merged into); an absorb the entry absorbed
        var target = action == CurationAction.Split && entry is { } spelling ? spelling : id;
        var result = action is null ? (CurationResult?)null
            : await curate.ExecuteAsync(caller, target, action.Value, action == CurationAction.Absorb ? entry : null, note, cancellationToken);
        if (result == CurationResult.Done)
        {
            TempData["library-message"] = DoneText(action!.Value);
            return Redirect(UrlOf(id));
        }

        if (await library.EntryAsync(caller, id, null, cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Entry = detail;
        Error = result is null ? Ui.T("未知的操作。", "Unknown action.") : ProblemText(result.Value);
        Response.StatusCode = result switch
        {
            CurationResult.Forbidden => StatusCodes.Status403Forbidden,
            CurationResult.NotFound => StatusCodes.Status404NotFound,
            CurationResult.Merged or CurationResult.NotMerged => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return Page();
    }

    public static string UrlOf(long id) => "/library/" + id.ToString(CultureInfo.InvariantCulture);

    private static CurationAction? ActionOf(string? name) => name switch
    {
        "absorb" => CurationAction.Absorb,
        "split" => CurationAction.Split,
        "recommend" => CurationAction.Recommend,
        "unrecommend" => CurationAction.Unrecommend,
        "retire" => CurationAction.Retire,
        "restore" => CurationAction.Restore,
        _ => null,
    };

    private static string DoneText(CurationAction action) => action switch
    {
        CurationAction.Absorb => Ui.T("已合并：被合并条目的名称今后计入本条目。", "Merged: the other entry's names count for this one from now on."),
        CurationAction.Split => Ui.T("已取消合并：该名称重新单独计数。", "Split off: the name counts on its own again."),
        CurationAction.Recommend => Ui.T("已设为推荐：填报建议中优先列出。", "Recommended: suggested first."),
        CurationAction.Unrecommend => Ui.T("已取消推荐。", "No longer recommended."),
        CurationAction.Retire => Ui.T("已停用：不再出现在填报建议中。", "Retired: no longer suggested."),
        _ => Ui.T("已恢复使用。", "Restored."),
    };

    /// <summary>Why a curation was refused, in the UI's language.</summary>
    public static string ProblemText(CurationResult result) => result switch
    {
        CurationResult.Forbidden => Ui.T("只有管理员可以维护指标库。", "Only administrators curate the library."),
        CurationResult.NotFound => Ui.T("没有这个条目（请检查被合并条目的编号）。", "There is no such entry (check the number of the entry to absorb)."),
        CurationResult.Merged => Ui.T("该条目已并入另一条目：请维护那一条目，或先取消合并。", "The entry is merged into another one: curate that one, or split it off first."),
        CurationResult.NotMerged => Ui.T("该条目没有并入其他条目。", "The entry is not merged into another one."),
        CurationResult.SameEntry => Ui.T("不能把条目并入它自身。", "An entry cannot absorb itself."),
        CurationResult.NoteTooLong => Ui.T($"说明最多 {LibraryStore.NoteLength} 个字符。", $"A note has at most {LibraryStore.NoteLength} characters."),
        _ => "",
    };
}
