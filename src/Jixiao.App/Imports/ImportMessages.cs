using System.Globalization;

namespace Jixiao.App.Imports;

/// <summary>
/// The reasons an import batch records when the database, not the file, was the trouble — in Chinese first and in
/// English, since they are shown as recorded to users of either language.
/// </summary>
public static class ImportMessages
{
    /// <summary>The database went away while the file was imported.</summary>
    public static string DatabaseLost(string fileName, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return $"{fileName}: 导入时数据库连接中断，未保存任何表单，请重新导入。The database connection was lost during the import ({Short(cause)}); nothing was stored: import the file again.";
    }

    /// <summary>The import was cut short by a stop of the application or of the database, and not resumed.</summary>
    public static string Interrupted(string fileName) =>
        $"{fileName}: 导入因服务器停止或数据库中断而未完成，未保存任何表单，请重新上传。The import was interrupted (the server stopped or the database was unavailable); nothing was stored: upload the file again.";

    /// <summary>Every form of the file is already stored, by <paramref name="batches"/> (other bytes, the same forms).</summary>
    public static string SameForms(string fileName, IReadOnlyList<long> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var zh = string.Join("、", batches.Select(b => "#" + b.ToString(CultureInfo.InvariantCulture)));
        var en = string.Join(", ", batches.Select(b => "#" + b.ToString(CultureInfo.InvariantCulture)));
        return $"{fileName}: 文件中的表单已全部导入过（批次 {zh}，内容相同，编码、换行或格式不同），未重复导入。Every form of the file is already stored by batch {en} (the same content in another encoding, with other line ends or in another format): nothing was added.";
    }

    private static string Short(Exception cause)
    {
        var text = cause.GetBaseException().Message;
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
