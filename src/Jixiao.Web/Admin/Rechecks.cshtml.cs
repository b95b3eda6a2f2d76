using System.Globalization;
using Jixiao.App.Rechecks;
using Jixiao.Data.Entities;
using Jixiao.Web.Accounts;
using Jixiao.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Admin;

/// <summary>
/// The re-check of all stored forms (重新核查, administrators only): whether the stored findings were made by the code's
/// checks, the running job's progress (percent, forms per second, time left: the page's script follows
/// <c>GET /api/v1/rechecks/{id}</c> without reloading), starting one and cancelling it, and the latest jobs.
/// </summary>
public sealed class RechecksModel(RecheckJobs jobs) : PageModel
{
    public RecheckStatus Status { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Message = TempData["message"] as string;
        Error = TempData["error"] as string;
        Status = await jobs.StatusAsync(User.Caller(), cancellationToken: cancellationToken);
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var start = await jobs.StartAsync(User.Caller(), RecheckTrigger.Administrator, cancellationToken);
        var id = start.Job.Id.ToString(CultureInfo.InvariantCulture);
        if (start.Created)
        {
            TempData["message"] = Ui.T($"已开始重新核查（任务 {id}），共 {start.Job.Total:N0} 张表。", $"Re-check {id} started: {start.Job.Total:N0} forms.");
        }
        else
        {
            TempData["error"] = Ui.T($"重新核查任务 {id} 正在进行，同一时间只能运行一个。", $"Re-check {id} is running; one runs at a time.");
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken cancellationToken)
    {
        var text = id.ToString(CultureInfo.InvariantCulture);
        switch (await jobs.CancelAsync(User.Caller(), id, cancellationToken))
        {
            case RecheckCancel.Requested:
                TempData["message"] = Ui.T($"已请求取消任务 {text}：当前一批核完后停止。", $"Re-check {text} stops after its current step.");
                break;
            case RecheckCancel.NotOpen:
                TempData["error"] = Ui.T($"任务 {text} 已结束，无需取消。", $"Re-check {text} has ended: nothing to cancel.");
                break;
            default:
                TempData["error"] = Ui.T($"没有任务 {text}。", $"There is no re-check {text}.");
                break;
        }

        return RedirectToPage();
    }

    /// <summary>The state in the page's language.</summary>
    public static string StateText(RecheckState state) => state switch
    {
        RecheckState.Queued => Ui.T("排队中", "Queued"),
        RecheckState.Running => Ui.T("进行中", "Running"),
        RecheckState.Succeeded => Ui.T("已完成", "Finished"),
        RecheckState.Failed => Ui.T("失败", "Failed"),
        _ => Ui.T("已取消", "Cancelled"),
    };

    public static string StateCss(RecheckState state) => state switch
    {
        RecheckState.Succeeded => "badge badge-ok",
        RecheckState.Failed => "badge badge-error",
        RecheckState.Cancelled => "badge badge-muted",
        _ => "badge badge-busy",
    };

    public static string TriggerText(RecheckTrigger trigger) => trigger switch
    {
        RecheckTrigger.Automatic => Ui.T("启动时自动（核查版本变化）", "At start (checks changed)"),
        RecheckTrigger.CommandLine => Ui.T("命令行", "Command line"),
        _ => Ui.T("管理员", "Administrator"),
    };

    /// <summary>Forms per second, or a dash while unknown.</summary>
    public static string Rate(double? formsPerSecond) => formsPerSecond is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) : "—";

    /// <summary>The time left, e.g. 约 3 分 20 秒 / about 3 min 20 s; a dash while unknown.</summary>
    public static string Eta(TimeSpan? remaining)
    {
        if (remaining is not { } r)
        {
            return "—";
        }

        var minutes = (int)r.TotalMinutes;
        return minutes > 0
            ? Ui.T($"约 {minutes} 分 {r.Seconds} 秒", $"about {minutes} min {r.Seconds} s")
            : Ui.T($"约 {r.Seconds} 秒", $"about {r.Seconds} s");
    }
}
