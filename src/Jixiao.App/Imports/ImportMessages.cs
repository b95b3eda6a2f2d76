using System.Globalization;
using Jixiao.Core.Forms;
using Jixiao.Ingest;

namespace Jixiao.App.Imports;

/// <summary>
/// The reasons an import batch records (导入失败原因) besides the reader's own diagnostics: each a stable code, the
/// Chinese and the English (<see cref="MessageTemplate"/>). A batch keeps its reason as text — the English, or both
/// languages in one string when the database, not the file, was the trouble — and <see cref="Catalogue"/> gives any
/// kept reason (a reader's diagnostic line included) back in the user's language.
/// </summary>
public static class ImportMessages
{
    public static readonly MessageTemplate DatabaseLostTemplate = new("IMPORT-DB-LOST",
        "{0}：导入时数据库连接中断（{1}），未保存任何表单，请重新导入。",
        "{0}: The database connection was lost during the import ({1}); nothing was stored: import the file again.",
        stored: "{0}: 导入时数据库连接中断，未保存任何表单，请重新导入。The database connection was lost during the import ({1}); nothing was stored: import the file again.");

    public static readonly MessageTemplate InterruptedTemplate = new("IMPORT-INTERRUPTED",
        "{0}：导入因服务器停止或数据库中断而未完成，未保存任何表单，请重新上传。",
        "{0}: The import was interrupted (the server stopped or the database was unavailable); nothing was stored: upload the file again.",
        stored: "{0}: 导入因服务器停止或数据库中断而未完成，未保存任何表单，请重新上传。The import was interrupted (the server stopped or the database was unavailable); nothing was stored: upload the file again.");

    public static readonly MessageTemplate SameFormsTemplate = new("IMPORT-SAME-FORMS",
        "{0}：文件中的表单已全部导入过（批次 {1}，内容相同，编码、换行或格式不同），未重复导入。",
        "{0}: Every form of the file is already stored by batch {2} (the same content in another encoding, with other line ends or in another format): nothing was added.",
        stored: "{0}: 文件中的表单已全部导入过（批次 {1}，内容相同，编码、换行或格式不同），未重复导入。Every form of the file is already stored by batch {2} (the same content in another encoding, with other line ends or in another format): nothing was added.");

    public static readonly MessageTemplate CannotOpen = new("IMPORT-OPEN",
        "{0}：无法打开文件（{1}）：应为可读取的表单文件",
        "{0}: cannot open the file ({1}): expected a readable file of forms");

    public static readonly MessageTemplate Cancelled = new("IMPORT-CANCELLED",
        "{0}：导入已取消；未保存任何内容",
        "{0}: the import was cancelled; nothing was stored");

    public static readonly MessageTemplate Failed = new("IMPORT-FAILED",
        "{0}：导入失败（{1}：{2}）；未保存任何内容",
        "{0}: the import failed ({1}: {2}); nothing was stored");

    public static readonly MessageTemplate NoForm = new("IMPORT-NO-FORM",
        "{0}：未找到表单：应有标题“财政项目支出绩效自评表/绩效目标申报表”或“项目名称”行",
        "{0}: no form found: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row");

    public static readonly MessageTemplate HolderDeleted = new("IMPORT-HOLDER-DELETED",
        "{0}：导入期间，含有相同内容的批次被删除；未保存任何内容，请重新导入该文件",
        "{0}: the batch holding the same content was deleted while this import ran; nothing was stored, please import the file again");

    public static readonly MessageTemplate UploadGone = new("IMPORT-UPLOAD-GONE",
        "{0}：上传的文件已不存在；未保存任何内容，请重新上传",
        "{0}: the uploaded file is gone; nothing was stored, please upload it again");

    public static readonly MessageTemplate InterruptedUploadGone = new("IMPORT-INTERRUPTED-GONE",
        "{0}：导入中断，且上传的文件已不存在；未保存任何内容，请重新上传",
        "{0}: the import was interrupted and the uploaded file is gone; nothing was stored, please upload it again");

    public static readonly MessageTemplate Stopped = new("IMPORT-STOPPED",
        "{0}：导入意外停止（{1}）；未保存任何内容",
        "{0}: the import stopped unexpectedly ({1}); nothing was stored");

    public static readonly MessageTemplate DemoInterrupted = new("IMPORT-DEMO-INTERRUPTED",
        "{0}：演示数据载入中断；未保存任何内容",
        "{0}: the demo load was interrupted; nothing was stored");

    /// <summary>The templates of this class.</summary>
    public static IReadOnlyList<MessageTemplate> All { get; } =
    [
        DatabaseLostTemplate, InterruptedTemplate, SameFormsTemplate, CannotOpen, Cancelled, Failed, NoForm, HolderDeleted,
        UploadGone, InterruptedUploadGone, Stopped, DemoInterrupted,
    ];

    /// <summary>Every reason a batch may keep: these and the readers' (<see cref="ReaderMessages"/>).</summary>
    public static MessageCatalogue Catalogue { get; } = new([.. All, .. ReaderMessages.All]);

    /// <summary>The database went away while the file was imported.</summary>
    public static string DatabaseLost(string fileName, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return DatabaseLostTemplate.Format(fileName, Short(cause)).Kept;
    }

    /// <summary>The import was cut short by a stop of the application or of the database, and not resumed.</summary>
    public static string Interrupted(string fileName) => InterruptedTemplate.Format(fileName).Kept;

    /// <summary>Every form of the file is already stored, by <paramref name="batches"/> (other bytes, the same forms).</summary>
    public static string SameForms(string fileName, IReadOnlyList<long> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var zh = string.Join("、", batches.Select(b => "#" + b.ToString(CultureInfo.InvariantCulture)));
        var en = string.Join(", ", batches.Select(b => "#" + b.ToString(CultureInfo.InvariantCulture)));
        return SameFormsTemplate.Format(fileName, zh, en).Kept;
    }

    /// <summary>
    /// A kept reason (a batch's error, a line of a form's reader notes: <c>file:12: warning: …</c>) in the language
    /// asked for: the file name, the place and the message, each worded in that language. Text no template made is
    /// given back as it is.
    /// </summary>
    public static string Localize(string? kept, bool english)
    {
        if (string.IsNullOrEmpty(kept))
        {
            return kept ?? "";
        }

        if (Diagnostic.Parse(kept) is { } line)
        {
            return Place(line, english) + (Catalogue.Read(line.Message)?.In(english) ?? line.Message);
        }

        return Catalogue.Read(kept)?.In(english) ?? kept;
    }

    /// <summary>The start of a diagnostic line: <c>forms.txt:12: warning: </c>, or <c>forms.txt 第 12 行 · 警告：</c>.</summary>
    public static string Place(Diagnostic diagnostic, bool english)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (english)
        {
            var severity = diagnostic.Severity.ToString().ToLowerInvariant();
            return diagnostic.Line > 0
                ? $"{diagnostic.File}:{diagnostic.Line.ToString(CultureInfo.InvariantCulture)}: {severity}: "
                : $"{diagnostic.File}: {severity}: ";
        }

        var level = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "错误",
            DiagnosticSeverity.Warning => "警告",
            _ => "提示",
        };
        return diagnostic.Line > 0
            ? $"{diagnostic.File} 第 {diagnostic.Line.ToString(CultureInfo.InvariantCulture)} 行 · {level}："
            : $"{diagnostic.File} · {level}：";
    }

    private static string Short(Exception cause)
    {
        var text = cause.GetBaseException().Message;
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
