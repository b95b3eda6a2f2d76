using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Excel;

/// <summary>
/// What the reader of the official workbook (<see cref="OfficialWorkbookReader"/>) reports, each naming the cell it is
/// about (<c>H12</c>) in Chinese and English, with a stable code (<c>OWB-…</c>). They are part of
/// <see cref="ReaderMessages.All"/>, so stored English reads back in either language.
/// </summary>
public static class OfficialWorkbookMessages
{
    public static readonly MessageTemplate NotOfficial = new("OWB-NOT-OFFICIAL",
        "不是官方表样的工作簿：没有标题为「财政项目支出绩效自评表」「部门整体支出绩效自评表」或「财政项目支出绩效目标申报表」的工作表（标题应在 A1）",
        "not a workbook in the official layout: no worksheet is headed 财政项目支出绩效自评表, 部门整体支出绩效自评表 or 财政项目支出绩效目标申报表 (in A1)");

    public static readonly MessageTemplate Damaged = new("OWB-DAMAGED",
        "无法打开工作簿（{0}）：文件可能已损坏；应为从 Jixiao 导出的 .xlsx 工作簿",
        "the workbook could not be opened ({0}): the file may be damaged; expected an .xlsx workbook exported by Jixiao");

    public static readonly MessageTemplate TooLarge = new("OWB-TOO-LARGE",
        "工作表「{0}」含有超过 {1:N0} 个单元格或 {2:N0} 个合并区域：一张表单不会这么大，未读取",
        "the worksheet {0} holds more than {1:N0} cells or {2:N0} merged ranges, far more than one form has: not read");

    public static readonly MessageTemplate MarkMissing = new("OWB-MARK-MISSING",
        "工作簿没有 Jixiao 的版式标记（可能经 WPS 或其他软件另存）：按工作表「{0}」A1 的标题识别为{1}",
        "the workbook has lost Jixiao's layout mark (it may have been saved again by WPS or another program): recognised by the heading in A1 of the worksheet {0} as {1}");

    public static readonly MessageTemplate MarkVersion = new("OWB-MARK-VERSION",
        "工作簿的版式标记为「{0}」：只能读取「{1}」；请从 Jixiao 重新导出",
        "the workbook's layout mark is {0}: only {1} is read; export the form from Jixiao again");

    public static readonly MessageTemplate MarkSheet = new("OWB-MARK-SHEET",
        "版式标记指向的工作表「{0}」不存在（可能已改名）：读取了标题为表单标题的工作表「{1}」",
        "the worksheet {0} named by the layout mark does not exist (it may have been renamed): read the worksheet {1}, which is headed as a form");

    public static readonly MessageTemplate Header = new("OWB-HEADER",
        "{0}：表头应为「{1}」，实为「{2}」",
        "{0}: the header should be \"{1}\", found \"{2}\"");

    public static readonly MessageTemplate Number = new("OWB-NUMBER",
        "{0}：{1}应为数字，实为「{2}」",
        "{0}: {1} should be a number, found \"{2}\"");

    public static readonly MessageTemplate Formula = new("OWB-FORMULA",
        "{0}：{1}是没有计算结果的公式：请在 Excel 或 WPS 中重新计算后保存，或直接填写数字",
        "{0}: {1} is a formula without a computed result: recalculate in Excel or WPS and save, or type the number");

    public static readonly MessageTemplate Date = new("OWB-DATE",
        "{0}：{1}应为日期（如 2024年1月1日），实为「{2}」",
        "{0}: {1} should be a date (such as 2024年1月1日), found \"{2}\"");

    public static readonly MessageTemplate Year = new("OWB-YEAR",
        "{0}：年度应写作「（2024年度）」，实为「{1}」",
        "{0}: the year should read \"（2024年度）\", found \"{1}\"");

    public static readonly MessageTemplate Unit = new("OWB-UNIT",
        "{0}：表头应为「项目资金（万元）」或「项目资金（元）」，实为「{1}」；金额按万元读取",
        "{0}: the header should be \"项目资金（万元）\" or \"项目资金（元）\", found \"{1}\"; the amounts were read as 万元");

    public static readonly MessageTemplate NoProjectName = new("OWB-NO-NAME",
        "{0}：项目名称为空：应填写项目名称",
        "{0}: the project name is empty: expected the project's name");

    public static readonly MessageTemplate MergeBroken = new("OWB-MERGE-BROKEN",
        "{0}：合并单元格已被拆分或改动（应为 {1}）；内容仍按原位置读取",
        "{0}: the merged cells were split or changed (expected {1}); the content was still read from its place");

    public static readonly MessageTemplate MergeContent = new("OWB-MERGE-CONTENT",
        "{0}：内容「{1}」位于应合并的区域 {2} 内，却不在其首个单元格 {3} 中（合并单元格已被拆分）：未读取；请把内容移到 {3}",
        "{0}: \"{1}\" lies inside {2}, which should be one merged cell, but not in its first cell {3} (the merged cells were split): not read; move it to {3}");

    public static readonly MessageTemplate MergeAcross = new("OWB-MERGE-ACROSS",
        "{0}：单元格与 {1} 合并在一起（合并区域 {2}）：每个指标的每一项应各占一个单元格；未读取",
        "{0}: the cell is merged with {1} (the merged range {2}): each value of an indicator has a cell of its own; not read");

    public static readonly MessageTemplate LevelMerge = new("OWB-LEVEL-MERGE",
        "{0}：{1}的合并单元格 {2} 超出了指标表（第 {3} 至 {4} 行）：只读取了表内的部分",
        "{0}: the merged cell {2} of {1} reaches outside the indicator table (rows {3} to {4}): only its part inside the table was read");

    public static readonly MessageTemplate LevelCarried = new("OWB-LEVEL-CARRIED",
        "{0}：{1}为空，且未与上方的单元格合并：按上一行的「{2}」读取；若不是，请填写",
        "{0}: {1} is empty and not merged with the cell above: read as \"{2}\" from the row above; type it if that is wrong");

    public static readonly MessageTemplate UnknownLevel1 = new("OWB-LEVEL1-UNKNOWN",
        "{0}：一级指标「{1}」不是已知的名称：应为产出指标、效益指标、满意度指标或成本指标",
        "{0}: the first-level indicator \"{1}\" is not a known name: expected 产出指标, 效益指标, 满意度指标 or 成本指标");

    public static readonly MessageTemplate NoTotalRow = new("OWB-NO-TOTAL",
        "{0}：找不到总分行：指标表之后 A 列应有「总分」；第 {1} 行之后的各行均按指标读取",
        "{0}: no total row: expected 总分 in column A after the indicator table; every row after row {1} was read as an indicator");

    public static readonly MessageTemplate TooManyRows = new("OWB-TOO-MANY-ROWS",
        "{0}：指标表超过 {1:N0} 行：只读取了前 {1:N0} 行",
        "{0}: the indicator table has more than {1:N0} rows: only the first {1:N0} were read");

    public static readonly MessageTemplate Outside = new("OWB-OUTSIDE",
        "{0}：表格之外的内容「{1}」未读取",
        "{0}: \"{1}\" lies outside the form's table: not read");

    public static readonly MessageTemplate OutsideMore = new("OWB-OUTSIDE-MORE",
        "另有 {0} 个表格之外的单元格有内容，未读取",
        "{0} more cells outside the form's table hold something: not read");

    public static readonly MessageTemplate SupplementLabel = new("OWB-SUPPLEMENT-LABEL",
        "{0}：「{1}」不是补充信息的栏目：已作为其他栏目读取",
        "{0}: \"{1}\" is not one of the supplementary fields: read as another labelled value");

    public static readonly MessageTemplate SupplementTwice = new("OWB-SUPPLEMENT-TWICE",
        "{0}：栏目「{1}」出现了两次：应只有一次；保留了第一次的内容",
        "{0}: the field \"{1}\" appears twice: expected it once; the first was kept");

    public static readonly MessageTemplate SupplementNewProject = new("OWB-SUPPLEMENT-YESNO",
        "{0}：是否新增项目应为「是」或「否」，实为「{1}」",
        "{0}: 是否新增项目 should be 是 or 否, found \"{1}\"");

    public static readonly MessageTemplate SupplementIndicator = new("OWB-SUPPLEMENT-INDICATOR",
        "{0}：三级指标「{1}」在表单中没有对应的行（可能已改名或删除）：其补充信息未读取",
        "{0}: the indicator \"{1}\" has no row in the form (it may have been renamed or removed): its supplementary values were not read");

    public static readonly MessageTemplate SupplementMissing = new("OWB-SUPPLEMENT-MISSING",
        "工作表「{0}」已被删除：其中的栏目（项目编码、政策依据、指标解释等）未读取",
        "the worksheet {0} was removed: its fields (项目编码, 政策依据, 指标解释 …) were not read");

    /// <summary>Every template above.</summary>
    public static IReadOnlyList<MessageTemplate> All { get; } =
        [.. typeof(OfficialWorkbookMessages).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(MessageTemplate))
            .Select(f => (MessageTemplate)f.GetValue(null)!)];
}
