using System.Text.RegularExpressions;
using Jixiao.Core.Workflow;
using Jixiao.Data.Entities;
using Jixiao.Web.Review;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Admin;

/// <summary>
/// The audit log (审计日志) in the UI's language. An entry keeps its action as a stable code (<c>role-change</c>) and
/// its details as the text the use case wrote (<c>role=Supervisor; department=…</c>, <c>Pending -> Reviewed</c>,
/// <c>x.txt: Failed; forms=0; findings=0; x.txt: error: …</c>); both are worded here when shown, so old entries read
/// the same as new ones. A code or a part this class does not know is shown as it is.
/// </summary>
public static partial class AuditTexts
{
    private static readonly Dictionary<string, (string Zh, string En)> Actions = new(StringComparer.Ordinal)
    {
        ["import"] = ("导入", "Import"),
        ["delete"] = ("删除批次", "Delete batch"),
        ["user-create"] = ("创建用户", "Create user"),
        ["role-change"] = ("更改角色", "Change role"),
        ["user-disable"] = ("停用账户", "Disable account"),
        ["user-enable"] = ("启用账户", "Enable account"),
        ["password-reset"] = ("重置密码", "Reset password"),
        ["password-change"] = ("修改密码", "Change password"),
        ["password-change-failed"] = ("修改密码失败", "Password change failed"),
        ["login"] = ("登录", "Sign-in"),
        ["login-failed"] = ("登录失败", "Failed sign-in"),
        ["login-disabled"] = ("登录被拒", "Refused sign-in"),
        ["logout"] = ("退出登录", "Sign-out"),
        ["finding-confirm"] = ("确认问题", "Confirm finding"),
        ["finding-dismiss"] = ("排除问题", "Dismiss finding"),
        ["form-review"] = ("复核状态变更", "Review state change"),
        ["rectification-request"] = ("下发整改通知", "Rectification request"),
        ["rectification-answer"] = ("答复整改", "Rectification answer"),
        ["rectification-accept"] = ("通过整改", "Rectification accepted"),
        ["rectification-return"] = ("退回整改", "Rectification sent back"),
        ["export"] = ("导出", "Export"),
        ["token-create"] = ("创建访问令牌", "Create access token"),
        ["token-revoke"] = ("撤销访问令牌", "Revoke access token"),
        ["token-use"] = ("使用访问令牌", "Access token used"),
        ["recheck-start"] = ("开始重新核查", "Re-check started"),
        ["recheck-finish"] = ("重新核查完成", "Re-check finished"),
        ["recheck-cancel"] = ("取消重新核查", "Re-check cancelled"),
        ["recheck-fail"] = ("重新核查失败", "Re-check failed"),
        ["filing-create"] = ("新建填报表", "Start a filing"),
        ["filing-save"] = ("保存填报表", "Save a filing"),
        ["filing-submit"] = ("提交填报表", "Submit a filing"),
        ["filing-withdraw"] = ("撤回填报表", "Withdraw a filing"),
        ["filing-return"] = ("退回填报表", "Return a filing"),
        ["filing-approve"] = ("审核通过填报表", "Approve a filing"),
        ["filing-publish"] = ("公开填报表", "Publish a filing"),
        ["filing-comment"] = ("填报意见", "Comment on a filing"),
        ["filing-comment-resolve"] = ("解决填报意见", "Resolve a comment"),
        ["library-merge"] = ("合并同义指标", "Merge library entries"),
        ["library-split"] = ("取消合并指标", "Split library entry"),
        ["library-recommend"] = ("推荐指标", "Recommend library entry"),
        ["library-unrecommend"] = ("取消推荐指标", "Unrecommend library entry"),
        ["library-retire"] = ("停用指标", "Retire library entry"),
        ["library-restore"] = ("恢复指标", "Restore library entry"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Targets = new(StringComparer.Ordinal)
    {
        ["user"] = ("用户", "user"),
        ["import"] = ("导入批次", "import batch"),
        ["form"] = ("表单", "form"),
        ["rectification"] = ("整改通知", "rectification request"),
        ["token"] = ("访问令牌", "access token"),
        ["forms"] = ("表单列表", "form list"),
        ["findings"] = ("问题清单", "findings list"),
        ["recheck"] = ("重新核查任务", "re-check"),
        ["filing"] = ("填报表", "filing"),
        ["library-entry"] = ("指标库条目", "library entry"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Keys = new(StringComparer.Ordinal)
    {
        ["role"] = ("角色", "role"),
        ["department"] = ("主管部门", "department"),
        ["form"] = ("表单", "form"),
        ["project"] = ("项目", "project"),
        ["note"] = ("说明", "note"),
        ["text"] = ("内容", "text"),
        ["deadline"] = ("期限", "deadline"),
        ["findings"] = ("问题", "findings"),
        ["forms"] = ("表单", "forms"),
        ["name"] = ("名称", "name"),
        ["prefix"] = ("前缀", "prefix"),
        ["owner"] = ("所有者", "owner"),
        ["scope"] = ("权限范围", "scope"),
        ["expires"] = ("到期", "expires"),
        ["format"] = ("格式", "format"),
        ["rows"] = ("行数", "rows"),
        ["filter"] = ("筛选", "filter"),
        ["via"] = ("方式", "via"),
        ["into"] = ("并入", "into"),
        ["from"] = ("被合并", "absorbed"),
        ["trigger"] = ("发起方式", "trigger"),
        ["done"] = ("已核查", "done"),
        ["total"] = ("总数", "total"),
        ["changed"] = ("有变化", "changed"),
        ["version"] = ("核查版本", "checks version"),
        ["reason"] = ("原因", "reason"),
        ["revision"] = ("版本", "version"),
        ["kind"] = ("表类型", "kind"),
        ["year"] = ("年度", "year"),
        ["errors"] = ("错误", "errors"),
        ["warnings"] = ("警告", "warnings"),
        ["fields"] = ("改动项", "values changed"),
        ["cells"] = ("单元格", "cells"),
        ["cell"] = ("单元格", "cell"),
        ["comments"] = ("意见", "comments"),
        ["comment"] = ("意见", "comment"),
        ["override"] = ("放行理由", "override reason"),
        ["declaration"] = ("来源申报表", "declaration"),
    };

    /// <summary>Values of some keys that are words: a token's scope and expiry, an export's filter and way.</summary>
    private static readonly Dictionary<(string Key, string Value), (string Zh, string En)> Words = new()
    {
        [("scope", "read")] = ("只读", "read-only"),
        [("scope", "role")] = ("同账户角色", "the account's role"),
        [("expires", "never")] = ("永不过期", "never"),
        [("filter", "(none)")] = ("（无）", "(none)"),
        [("via", "session")] = ("登录会话", "session"),
        [("via", "tool")] = ("工具", "tool"),
        [("trigger", "Automatic")] = ("启动时自动（核查版本变化）", "at start (checks changed)"),
        [("trigger", "Administrator")] = ("管理员", "administrator"),
        [("trigger", "CommandLine")] = ("命令行", "command line"),
        [("kind", "target-declaration")] = ("绩效目标申报表", "target declaration"),
        [("kind", "self-evaluation")] = ("绩效自评表", "self-evaluation"),
        [("cell", "-")] = ("整张表", "the whole form"),
    };

    /// <summary>Parts that begin with a phrase and go on with text as written (a token's first use: the request).</summary>
    private static readonly (string Prefix, string Zh, string En)[] Leads =
    [
        ("first use this hour: ", "本小时首次使用：", "first use this hour: "),
        ("first use: ", "首次使用：", "first use: "),
        ("token ", "令牌 ", "token "),
    ];

    private static readonly Dictionary<string, (string Zh, string En)> Phrases = new(StringComparer.Ordinal)
    {
        ["done"] = ("已完成整改", "done"),
        ["wrong current password"] = ("当前密码错误", "wrong current password"),
        ["the account is disabled"] = ("账户已停用", "the account is disabled"),
        ["an interrupted demo load removed"] = ("已移除中断的演示数据载入", "an interrupted demo load removed"),
        ["cut short"] = ("中途中断", "cut short"),
    };

    /// <summary>What was done, e.g. 更改角色 for <c>role-change</c>; an unknown code as it is.</summary>
    public static string Action(string action) =>
        Actions.TryGetValue(action ?? "", out var text) ? Ui.T(text.Zh, text.En) : action ?? "";

    /// <summary>The kind of thing acted on (用户, 导入批次 …); an unknown kind as it is.</summary>
    public static string Target(string? type) =>
        type is not null && Targets.TryGetValue(type, out var text) ? Ui.T(text.Zh, text.En) : type ?? "";

    /// <summary>The details of an entry of <paramref name="action"/>, worded in the UI's language.</summary>
    public static string Details(string action, string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return "";
        }

        if (action == "import" && ImportDetails().Match(details) is { Success: true } import)
        {
            var parts = new List<string>
            {
                import.Groups["file"].Value + Ui.T("：", ": ") + Value(import.Groups["status"].Value),
                Pair("forms", import.Groups["forms"].Value),
                Pair("findings", import.Groups["findings"].Value),
            };
            if (import.Groups["duplicate"].Success)
            {
                parts.Add(Ui.T($"与批次 #{import.Groups["duplicate"].Value} 内容相同", $"duplicate of {import.Groups["duplicate"].Value}"));
            }

            if (import.Groups["error"].Success)
            {
                parts.Add(Ui.Kept(import.Groups["error"].Value));
            }

            return Join(parts);
        }

        if (action == "delete" && DeleteDetails().Match(details) is { Success: true } delete)
        {
            var count = delete.Groups["forms"].Value;
            return delete.Groups["file"].Value + Ui.T("：", ": ")
                + Ui.T($"已删除 {count} 张表", $"{count} forms deleted")
                + (delete.Groups["via"].Success ? Ui.T($"（通过 {delete.Groups["via"].Value}）", $" ({delete.Groups["via"].Value})") : "");
        }

        return Join(Split(details).Select(Part));
    }

    /// <summary>
    /// The parts of details written as <c>a; b; key=value</c>: a part begins with a known key, a change (<c>A -> B</c>)
    /// or a known phrase; anything else (a <c>; </c> inside a project name or a note) continues the part before.
    /// </summary>
    private static List<string> Split(string details)
    {
        var parts = new List<string>();
        foreach (var segment in details.Split("; "))
        {
            if (parts.Count == 0 || StartsPart(segment))
            {
                parts.Add(segment);
            }
            else
            {
                parts[^1] += "; " + segment;
            }
        }

        return parts;
    }

    private static bool StartsPart(string segment) =>
        KeyValue().Match(segment) is { Success: true } m && Keys.ContainsKey(m.Groups["key"].Value)
        || Change().IsMatch(segment)
        || Phrases.ContainsKey(segment)
        || Leads.Any(l => l.Prefix != "token " && segment.StartsWith(l.Prefix, StringComparison.Ordinal));

    private static string Part(string part)
    {
        if (KeyValue().Match(part) is { Success: true } pair && Keys.ContainsKey(pair.Groups["key"].Value))
        {
            return Pair(pair.Groups["key"].Value, pair.Groups["value"].Value);
        }

        if (Change().Match(part) is { Success: true } change)
        {
            var what = change.Groups["form"].Success ? Ui.T("表单 ", "form ") : "";
            return what + Value(change.Groups["from"].Value) + " → " + Value(change.Groups["to"].Value);
        }

        if (Phrases.TryGetValue(part, out var phrase))
        {
            return Ui.T(phrase.Zh, phrase.En);
        }

        return Lead(part);
    }

    /// <summary>A part that begins with a known phrase, the phrase worded and the rest as written.</summary>
    private static string Lead(string part)
    {
        foreach (var (prefix, zh, en) in Leads)
        {
            if (part.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Ui.T(zh, en) + part[prefix.Length..];
            }
        }

        return part;
    }

    private static string Pair(string key, string value)
    {
        var label = Keys.TryGetValue(key, out var text) ? Ui.T(text.Zh, text.En) : key;
        var shown = key is "role" ? Value(value)
            : Words.TryGetValue((key, value), out var word) ? Ui.T(word.Zh, word.En)
            : key is "via" ? Lead(value)
            : key is "reason" ? App.Rechecks.RecheckMessages.Localize(value, Ui.IsEnglish)
            : value;
        return label + Ui.T("：", "=") + shown;
    }

    /// <summary>
    /// A value as the use cases write it: a role, a review state, a request status or an import status by its enum
    /// name (<c>Supervisor</c>, <c>RectificationRequired</c>), a role with its department (<c>DepartmentUser/教育局</c>);
    /// anything else as it is.
    /// </summary>
    private static string Value(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && Enum.TryParse<UserRole>(value[..slash], out var withDepartment) && Enum.IsDefined(withDepartment))
        {
            var department = value[(slash + 1)..];
            return Ui.RoleText(withDepartment) + (department.Length > 0 ? Ui.T($"（{department}）", $" ({department})") : "");
        }

        if (value.Length == 0 || !char.IsAsciiLetterUpper(value[0]))
        {
            return value.Length == 0 ? "—" : value;
        }

        if (Enum.TryParse<UserRole>(value, out var role) && Enum.IsDefined(role))
        {
            return Ui.RoleText(role);
        }

        if (Enum.TryParse<FormReviewState>(value, out var state) && Enum.IsDefined(state))
        {
            return ReviewTexts.StateText(state);
        }

        if (Enum.TryParse<RectificationStatus>(value, out var status) && Enum.IsDefined(status))
        {
            return ReviewTexts.StatusText(status);
        }

        if (Enum.TryParse<FilingStatus>(value, out var filing) && Enum.IsDefined(filing))
        {
            return Filings.FilingJson.StatusText(filing);
        }

        return Enum.TryParse<ImportStatus>(value, out var import) && Enum.IsDefined(import) ? Ui.StatusText(import) : value;
    }

    private static string Join(IEnumerable<string> parts) => string.Join(Ui.T("；", "; "), parts);

    [GeneratedRegex(@"^(?<file>.*): (?<status>Queued|Running|Succeeded|Failed|Duplicate); forms=(?<forms>\d+); findings=(?<findings>\d+)(?:; duplicate of (?<duplicate>\d+))?(?:; (?<error>.+))?$", RegexOptions.Singleline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex ImportDetails();

    [GeneratedRegex(@"^(?<file>.*): (?<forms>\d+) forms deleted(?: \((?<via>[^()]*)\))?$", RegexOptions.Singleline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex DeleteDetails();

    [GeneratedRegex(@"^(?<key>[a-z]+)=(?<value>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^(?<form>form )?(?<from>[A-Za-z]*(?:/[^>]*?)?) -> (?<to>[A-Za-z]+(?:/.*)?)$", RegexOptions.Singleline | RegexOptions.CultureInvariant, 200)]
    private static partial Regex Change();
}
