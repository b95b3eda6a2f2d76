using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Shared;

/// <summary>The error page: a short explanation and a request id to quote, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string RequestId { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        if (code is null && Response.StatusCode < 400)
        {
            Response.StatusCode = 500;
        }

        if (Code == StatusCodes.Status503ServiceUnavailable)
        {
            DatabaseOutage.SetRetryAfter(Response);
        }

        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Message) = Code switch
        {
            400 => (Ui.T("请求无效", "Bad request"), Ui.T("请求无法处理：表单可能已过期，请返回后重试。", "The request could not be processed: the form may have expired; go back and try again.")),
            403 => (Ui.T("无权访问", "Forbidden"), Ui.T("您的账户无权查看此内容。", "Your account may not see this.")),
            404 => (Ui.T("未找到", "Not found"), Ui.T("找不到此页面或表单，或者您无权查看。", "This page or form does not exist, or you may not see it.")),
            405 => (Ui.T("不支持的操作", "Method not allowed"), Ui.T("此页面不支持该操作。", "This page does not support that action.")),
            429 => (Ui.T("尝试次数过多", "Too many attempts"), Ui.T("登录尝试过于频繁，请一分钟后再试。", "Too many sign-in attempts: try again in a minute.")),
            413 => (Ui.T("上传过大", "Upload too large"), Ui.T("上传的内容超过了大小上限。", "The upload is larger than the limit.")),
            503 when DatabaseOutage.Caused(HttpContext) => (Ui.T("数据库暂时不可用", "Database unavailable"), Ui.T("数据库暂时不可用，请稍后重试。", "The database is unavailable for the moment: please try again shortly.")),
            _ when Code >= 500 => (Ui.T("出错了", "Something went wrong"), Ui.T("服务器处理请求时出错。错误已记录；请稍后重试。", "The server failed to handle the request. The error was logged; please try again later.")),
            _ => (Ui.T("出错了", "Error"), Ui.T("请求未能完成。", "The request did not complete.")),
        };
    }
}
