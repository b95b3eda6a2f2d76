using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;

namespace Jixiao.Ingest;

/// <summary>
/// Every message the readers and the form assembler report (读取说明): a stable code, the Chinese and the English. The
/// English is what the command line prints and what is stored with a form (its reader notes) or a failed import batch;
/// the web shows the Chinese or the English (<see cref="Catalogue"/> reads stored English back). A new message is
/// one line here, used where it is reported. Phrases (<c>PHRASE-…</c>) are parts that go into other messages.
/// </summary>
public static class ReaderMessages
{
    private const string Kinds = "\"" + JsonNames.KindSelfEvaluation + "\", \"" + JsonNames.KindTargetDeclaration + "\" or \"" + JsonNames.KindDepartmentSelfEvaluation + "\"";
    private const string KindsZh = "\"" + JsonNames.KindSelfEvaluation + "\"、\"" + JsonNames.KindTargetDeclaration + "\" 或 \"" + JsonNames.KindDepartmentSelfEvaluation + "\"";
    private const string KindAndName = "\"" + JsonNames.Kind + "\" and \"" + JsonNames.ProjectName + "\"";
    private const string KindAndNameZh = "\"" + JsonNames.Kind + "\" 和 \"" + JsonNames.ProjectName + "\"";

    // ------------------------------------------------------------------ the file as a whole

    public static readonly MessageTemplate Folder = new("FILE-FOLDER",
        "这是文件夹，不是文件：应为含表单的文件",
        "this is a folder, not a file: expected a file of forms");

    public static readonly MessageTemplate CannotOpen = new("FILE-OPEN",
        "无法打开文件（{0}）：应为可读取的表单文件",
        "cannot open the file ({0}): expected a readable file of forms");

    public static readonly MessageTemplate NoSuchFile = new("PHRASE-NO-SUCH-FILE",
        "文件不存在",
        "the file does not exist");

    public static readonly MessageTemplate CannotRead = new("FILE-READ",
        "无法读取文件（{0}）：应为可读取的表单文件",
        "cannot read the file ({0}): expected a readable file of forms");

    public static readonly MessageTemplate CannotReadTables = new("FILE-READ-TABLES",
        "无法读取文件（{0}）：应为可读取的文件",
        "cannot read the file ({0}): expected a readable file");

    public static readonly MessageTemplate NotText = new("FILE-NOT-TEXT",
        "不是文本文件：开头部分含有 NUL 字节或大量控制字符；应为 UTF-8 或 GB18030 编码、每行一个表格行的文本",
        "not a text file: its first block holds NUL bytes or mostly control characters; expected UTF-8 or GB18030 text with one table row per line");

    public static readonly MessageTemplate Empty = new("FILE-EMPTY",
        "文件为空：应为文本形式的表单（每行一个表格行）或 jixiao.form/1 JSON",
        "the file is empty: expected forms as text (one table row per line) or jixiao.form/1 JSON");

    public static readonly MessageTemplate UnreadPdf = new("UNREAD-PDF",
        "暂不读取 PDF 文件：请先提取文字（如 pdftotext -layout，或能把表格单元格保存为制表符分隔文本的工具），再读取所得的 .txt 文件",
        "PDF files are not read yet: extract the text first (e.g. pdftotext -layout, or a tool that keeps table cells as TAB-separated text) and read the .txt file");

    public static readonly MessageTemplate UnreadOfd = new("UNREAD-OFD",
        "暂不读取 OFD 文档（.ofd）：请把文档导出为 PDF 并提取文字，或把其中的表格另存为制表符分隔的文本（.txt），再读取",
        "OFD documents (.ofd) are not read yet: export the document as PDF and extract the text, or save its tables as TAB-separated text (.txt), and read that");

    public static readonly MessageTemplate UnreadDocx = new("UNREAD-DOCX",
        "暂不读取 Word 文档（.docx）：请把表格复制到电子表格中，另存为制表符分隔的文本（.txt），再读取",
        "Word documents (.docx) are not read yet: copy the tables into a spreadsheet and save it as TAB-separated text (.txt), and read that");

    public static readonly MessageTemplate UnreadXlsx = new("UNREAD-XLSX",
        "暂不读取电子表格（.xlsx、.xls）：请把工作表另存为制表符分隔的文本（.txt），再读取",
        "spreadsheets (.xlsx, .xls) are not read yet: save the sheet as TAB-separated text (.txt) and read that");

    public static readonly MessageTemplate UnreadZip = new("UNREAD-ZIP",
        "不读取既非 Excel 工作簿也非 Word 文档的 ZIP 压缩包：请解压后读取其中的文件",
        "a ZIP archive that is neither an Excel workbook nor a Word document is not read: unpack it and read the files inside");

    public static readonly MessageTemplate UnreadOle = new("UNREAD-OLE",
        "不读取旧版 Word 和 WPS 文档（.doc、.wps）：请另存为 .docx 或 PDF 再读取",
        "legacy Word and WPS documents (.doc, .wps) are not read: save the document as .docx or PDF and read that");

    public static readonly MessageTemplate UnreadRtf = new("UNREAD-RTF",
        "暂不读取 RTF 文档：请把表格复制到电子表格中，另存为制表符分隔的文本（.txt），再读取",
        "RTF documents are not read yet: copy the tables into a spreadsheet and save it as TAB-separated text (.txt), and read that");

    public static readonly MessageTemplate UnreadMarkup = new("UNREAD-MARKUP",
        "不读取 XML 文件和不含表格的标记文件：请把含表格的网页另存为 .html，或把表格另存为 .xlsx，再读取",
        "XML files and markup without a table are not read: save the page with its tables as .html, or the tables as .xlsx, and read that");

    public static readonly MessageTemplate FileTooLarge = new("LIMIT-FILE-SIZE",
        "文件大于 {0:N0} MiB（单个文件的上限）：未读取",
        "the file is larger than {0:N0} MiB, the most one file may be: not read");

    public static readonly MessageTemplate TooManyCells = new("LIMIT-CELLS",
        "文件含有超过 {0:N0} 个表格单元格（单个文件的上限）：读取到此为止；此前的表单已保留",
        "the file holds more than {0:N0} table cells, the most one file may have: reading stopped there; the forms before were kept");

    public static readonly MessageTemplate TooSlow = new("LIMIT-TIME",
        "读取文件超过 {0:N0} 秒（单个文件的上限）：读取到此为止；此前的表单已保留",
        "reading the file took longer than {0:N0} s, the most one file may take: reading stopped there; the forms before were kept");

    public static readonly MessageTemplate TooManyPages = new("LIMIT-PAGES",
        "文档超过 {0:N0} 页（单个文件的上限）：第 {0:N0} 页之后未读取；此前的表单已保留",
        "the document has more than {0:N0} pages, the most one file may have: the pages after {0:N0} were not read; the forms before were kept");

    // ------------------------------------------------------------------ text

    public static readonly MessageTemplate InvalidUtf8 = new("TEXT-UTF8-INVALID",
        "文本为 UTF-8 编码，但前 {1:N0} 字节中有 {0} 处无效字节序列（第一处在第 {2} 行）：已按 U+FFFD 读取",
        "the text is UTF-8 but holds {0} invalid byte sequence(s) in its first {1:N0} bytes (the first on line {2}): they were read as U+FFFD");

    public static readonly MessageTemplate ReadAsGb18030 = new("TEXT-GB18030",
        "文本不是有效的 UTF-8（第一个无效字节在第 {0} 行）：已按 GB18030（GBK）解码；应为 UTF-8",
        "the text is not valid UTF-8 (first invalid byte on line {0}): it was decoded as GB18030 (GBK); expected UTF-8");

    public static readonly MessageTemplate TextStopped = new("TEXT-READ-STOPPED",
        "此处之后的文本无法读取（{0}）：应为可读取的 UTF-8 或 GB18030 文本",
        "could not read the text after this point ({0}): expected readable UTF-8 or GB18030 text");

    public static readonly MessageTemplate LineUndecodable = new("TEXT-LINE-UNDECODABLE",
        "此行含有无法解码的字节（显示为 U+FFFD）：应为 UTF-8 或 GB18030 文本；此类行上的数值可能已损坏",
        "the line holds bytes that could not be decoded (shown as U+FFFD): expected UTF-8 or GB18030 text; values on such lines may be damaged");

    public static readonly MessageTemplate LineTooLong = new("TEXT-LINE-LONG",
        "此行超过 {0:N0} 个字符：只读取了前 {0:N0} 个字符（应为每行一个表格行）",
        "the line is longer than {0:N0} characters: only its first {0:N0} characters were read (expected one table row per line)");

    public static readonly MessageTemplate RowTooLong = new("TABLE-ROW-LONG",
        "此行超过 {0:N0} 个字符：只读取了前 {0:N0} 个字符（应为一个表格行的单元格）",
        "the row holds more than {0:N0} characters: only its first {0:N0} characters were read (expected the cells of one table row)");

    public static readonly MessageTemplate RowsStopped = new("TABLE-READ-STOPPED",
        "此处之后的行无法读取（{0}）：应为表格单元格的行",
        "could not read the rows after this point ({0}): expected rows of table cells");

    public static readonly MessageTemplate TablesFailed = new("TABLE-FAILED",
        "{0}无法继续读取（{1}）：文件可能已损坏或不是{0}；此前读取的表单已保留",
        "the {0} could not be read further ({1}): the file may be damaged or not a {0}; the forms read before were kept");

    // ------------------------------------------------------------------ finding the forms (FormParser)

    public static readonly MessageTemplate InternalError = new("READ-INTERNAL",
        "读取此行时出现内部错误（{0}：{1}）；已跳过此行",
        "internal error while reading this row ({0}: {1}); the row was skipped");

    public static readonly MessageTemplate MoreOutside = new("READ-OUTSIDE-MORE",
        "另有 {0} 行不属于任何表单，未逐一列出（第一行为第 {1} 行）",
        "{0} more lines outside any form were not listed (the first at line {1})");

    public static readonly MessageTemplate NoFormFound = new("READ-NO-FORM",
        "未找到表单：应有标题“财政项目支出绩效自评表/绩效目标申报表”或“项目名称”行",
        "no form found: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row");

    public static readonly MessageTemplate SecondYear = new("READ-YEAR-SECOND",
        "标题下出现第二个年度（{0}）：应只有一个年度；保留了 {1}",
        "a second year ({0}) under the heading: expected one year; {1} was kept");

    public static readonly MessageTemplate OrphanYear = new("READ-YEAR-ORPHAN",
        "年度行之后没有表单：其后应为标题或“项目名称”行",
        "a year line that no form follows: expected a heading or a 项目名称 row after it");

    public static readonly MessageTemplate NoHeading = new("READ-NO-HEADING",
        "此表没有标题：从其“项目名称”行开始读取（此前应有标题“财政项目支出绩效自评表”或“绩效目标申报表”）",
        "this form has no heading: it was opened at its 项目名称 row (expected a heading 财政项目支出绩效自评表 or 绩效目标申报表 before it)");

    public static readonly MessageTemplate BareProject = new("READ-BARE",
        "第 {0}–{1} 行写有项目名称（{2}），但没有表单内容：无标题、资金表、目标或指标；未作为表单读取",
        "the rows {0}–{1} name a project ({2}) but hold no form: no heading, fund table, goals or indicators; not read as a form");

    public static readonly MessageTemplate OutsideForm = new("READ-OUTSIDE",
        "此行不属于任何表单：此前应有标题“财政项目支出绩效自评表/绩效目标申报表”或“项目名称”行；读到“{0}”",
        "the line is outside any form: expected a heading 财政项目支出绩效自评表/绩效目标申报表 or a 项目名称 row before it; found '{0}'");

    // ------------------------------------------------------------------ the header, the funds, the end (FormBuilder)

    public static readonly MessageTemplate RowWithoutValue = new("READ-ROW-NO-VALUE",
        "“{0}”行（填报人、联系方式或备注）在标签之后没有内容：未读取",
        "the row '{0}' (filled-in-by, contact or note) holds no value after its label: not read");

    public static readonly MessageTemplate FundLabelContinued = new("READ-FUND-LABEL-CUT",
        "第 {0} 行被分页截断的资金栏目在此接续：读作 {1}",
        "the fund label cut by a page break on line {0} continues here: read as {1}");

    public static readonly MessageTemplate RowUnplaced = new("READ-ROW-UNPLACED",
        "无法把此行归入{0}：应为{1}；读到“{2}”",
        "could not place this row in {0}: expected {1}; found '{2}'");

    public static readonly MessageTemplate InFundTable = new("PHRASE-FUND-TABLE",
        "资金表（项目资金）",
        "the fund table (项目资金)");

    public static readonly MessageTemplate AtFormEnd = new("PHRASE-FORM-END",
        "表末",
        "the end of the form");

    public static readonly MessageTemplate InHeader = new("PHRASE-HEADER",
        "表头部分",
        "the header block");

    public static readonly MessageTemplate FundRowExpected = new("PHRASE-FUND-ROW",
        "标为“年度资金总额”“其中：当年财政拨款”“上年结转资金”或“其他资金”的行，或目标表头“年度总体目标”",
        "a row labelled 年度资金总额, 其中：当年财政拨款, 上年结转资金 or 其他资金, or the goal header 年度总体目标");

    public static readonly MessageTemplate NewFormExpected = new("PHRASE-NEW-FORM",
        "“总分/评分等级”行之后的新表单（标题或“项目名称”行）",
        "a new form (a heading or a 项目名称 row) after the 总分/评分等级 rows");

    public static readonly MessageTemplate HeaderRowExpected = new("PHRASE-HEADER-ROW",
        "“项目名称”“主管部门/实施单位”或资金表表头“项目资金（万元）”",
        "项目名称, 主管部门/实施单位 or the fund table header 项目资金 (万元)");

    public static readonly MessageTemplate HeaderCell = new("READ-HEADER-CELL",
        "无法读取表头行的单元格“{0}”：其前应为“项目名称”“主管部门”“实施单位”“项目类别”或日期标签",
        "could not read the cell '{0}' of a header row: expected 项目名称, 主管部门, 实施单位, 项目类别 or a date label before it");

    public static readonly MessageTemplate ValueMissing = new("READ-VALUE-MISSING",
        "“{0}”之后应有内容，但没有",
        "expected a value after {0}, found none");

    public static readonly MessageTemplate DateExpected = new("READ-DATE",
        "“{0}”之后应为日期（如 2023 年 1 月 1 日），读到“{1}”",
        "expected a date such as 2023 年 1 月 1 日 after {0}, found '{1}'");

    public static readonly MessageTemplate CodeInScientific = new("READ-CODE-SCIENTIFIC",
        "项目编码“{0}”以科学计数法印出：作为数字保存时已丢失末几位；按原样保留（应为文本形式的编码，如 440306231391500000173）",
        "the 项目编码 '{0}' is printed as a number in scientific notation: its last digits were lost when it was stored as a number; kept as printed (expected the code as text, e.g. 440306231391500000173)");

    public static readonly MessageTemplate NewProjectValue = new("READ-NEW-PROJECT",
        "“是否新增项目”为“{0}”：应为“是”或“否”；已按原样保留在其他栏目中",
        "是否新增项目 is '{0}': expected 是 or 否; kept as printed under extra");

    public static readonly MessageTemplate AmountMissing = new("READ-AMOUNT-MISSING",
        "“{0}”之后应有金额，但没有",
        "expected an amount after {0}, found none");

    public static readonly MessageTemplate AmountExpected = new("READ-AMOUNT",
        "“{0}”之后应为金额，读到“{1}”",
        "expected an amount after {0}, found '{1}'");

    public static readonly MessageTemplate FundNumberExpected = new("READ-FUND-NUMBER",
        "“{1}”行的“{0}”应为数字，读到“{2}”",
        "expected a number for {0} in the row {1}, found '{2}'");

    public static readonly MessageTemplate FundCellBeyond = new("READ-FUND-CELL-BEYOND",
        "“{1}”行的单元格“{0}”超出资金表表头的列（应为“年初预算数”至“得分”）",
        "the cell '{0}' of the row {1} lies beyond the columns of the fund table header (expected 年初预算数 … 得分)");

    public static readonly MessageTemplate FundRowTwice = new("READ-FUND-ROW-TWICE",
        "资金行“{0}”出现两次：“年度资金总额”“当年财政拨款”“上年结转资金”“其他资金”应各出现一次；保留了第一次",
        "the fund row {0} appears twice: expected each of 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金 once; the first was kept");

    public static readonly MessageTemplate DeclarationFundCell = new("READ-DECL-FUND-CELL",
        "无法读取资金表的单元格“{0}”：应为栏目名称（项目资金总额、年度资金申请总额等）或其后的金额",
        "could not read the cell '{0}' of the fund table: expected a label (项目资金总额, 年度资金申请总额 …) or the amount after one");

    public static readonly MessageTemplate TotalRow = new("READ-TOTAL-ROW",
        "“总分”行应有分值和得分，读到“{0}”",
        "expected 分值 and 得分 in the 总分 row, found '{0}'");

    public static readonly MessageTemplate GradeExtra = new("READ-GRADE-EXTRA",
        "“评分等级”之后应只有等级，还读到“{0}”",
        "expected only the grade after 评分等级, found also '{0}'");

    public static readonly MessageTemplate DepartmentNamesForm = new("READ-DEPT-NO-PROJECT",
        "部门整体支出绩效自评表未写项目名称：以其主管部门“{0}”命名",
        "a department self-evaluation (部门整体支出绩效自评表) names no project: named after its department {0}");

    public static readonly MessageTemplate NoProjectName = new("READ-NO-PROJECT-NAME",
        "此表没有项目名称：标题之后应有“项目名称”行",
        "the form has no 项目名称: expected a 项目名称 row after the heading");

    public static readonly MessageTemplate NoYear = new("READ-NO-YEAR",
        "此表没有年度：标题中或标题下应有“（2024年度）”",
        "the form has no year: expected (2024年度) in or under the heading");

    public static readonly MessageTemplate NoFundTable = new("READ-NO-FUNDS",
        "此表没有资金表：应有“项目资金（万元）”，含“年度资金总额”至“其他资金”各行",
        "the form has no fund table: expected 项目资金 (万元) with the rows 年度资金总额 … 其他资金");

    public static readonly MessageTemplate NoDeclarationFundTable = new("READ-NO-DECL-FUNDS",
        "此表没有资金表：应有“项目资金（万元）”，含“项目资金总额”和“年度资金申请总额”",
        "the form has no fund table: expected 项目资金 (万元) with 项目资金总额 and 年度资金申请总额");

    public static readonly MessageTemplate NoUnit = new("READ-NO-UNIT",
        "资金表表头未注明单位：应为“项目资金（万元）”或“（元）”；金额已按万元读取",
        "the fund table header does not say its unit: expected 项目资金 (万元) or (元); amounts were read as 万元");

    public static readonly MessageTemplate NoIndicators = new("READ-NO-INDICATORS",
        "此表没有绩效指标：应有以“一级指标 二级指标 三级指标 年度指标值”为表头的表格",
        "the form has no indicators: expected a table headed 一级指标 二级指标 三级指标 年度指标值");

    public static readonly MessageTemplate NoTotalRow = new("READ-NO-TOTAL",
        "自评表没有“总分”行就结束了（指标之后应有含分值和得分的“总分”行）：表单可能不完整",
        "the self-evaluation ends without a 总分 row (expected 总分 with 分值 and 得分 after the indicators): the form may be truncated");

    public static readonly MessageTemplate MoreNotes = new("READ-SUPPRESSED",
        "此表另有 {0} 条读取说明未列出",
        "{0} further diagnostics about this form were not listed");

    public static readonly MessageTemplate LooksLikeYuan = new("READ-UNIT-YUAN",
        "“{0}”标为万元，但 {1} 看来是以元计：按万元读为 {2} 元，按元读为 {1} 元（一个项目超过 {3:N0} 万元）；已按所印（万元）保留：请核对单位",
        "{0} is labelled 万元 but {1} looks like yuan: read as 万元 it is {2} 元, read as 元 it is {1} 元 (more than {3:N0} 万元 for one project); kept as printed (万元): check the unit");

    public static readonly MessageTemplate LooksLikeYuanByIndicator = new("READ-UNIT-YUAN",
        "“{0}”标为万元，但 {1} 看来是以元计：按万元读为 {2} 元，按元读为 {1} 元（指标“{3}”写有“{4}”，即 {5} 元）；已按所印（万元）保留：请核对单位",
        "{0} is labelled 万元 but {1} looks like yuan: read as 万元 it is {2} 元, read as 元 it is {1} 元 (the indicator '{3}' says '{4}', which is {5} 元); kept as printed (万元): check the unit");

    // ------------------------------------------------------------------ indicators (FormBuilder)

    public static readonly MessageTemplate IndicatorWithoutName = new("READ-IND-NO-NAME",
        "指标行“{0}”没有三级指标（指标名称）：按空名称读取",
        "the indicator row '{0}' has no 三级指标 (indicator name): read with an empty name");

    public static readonly MessageTemplate NumberUnder = new("READ-NUMBER-UNDER",
        "“{0}”列下应为数字，读到“{1}”；按空值读取",
        "expected a number under {0}, found '{1}'; read as none");

    public static readonly MessageTemplate BlankIndicatorTable = new("READ-IND-BLANK",
        "指标表为空：其 {0} 行只有一级/二级指标标签，没有三级指标或目标值——这是未填指标值就公开的空表",
        "the indicator table is blank: its {0} rows hold only level labels (一级/二级指标) and no 三级指标 or 目标值 — a blank form (空表) published without targets");

    public static readonly MessageTemplate LevelLabelRows = new("READ-IND-SHELL",
        "指标表有 {0} 行只有层级标签而没有指标：未作为指标读取",
        "{0} rows of the indicator table hold only level labels and no indicator: not read as indicators");

    public static readonly MessageTemplate WeightAndScoreExpected = new("READ-IND-NUMBERS",
        "指标行“{0}”右端应为分值和得分（两个数字）；该指标读取时{1}",
        "expected 分值 and 得分 (two numbers) at the right end of the indicator row '{0}'; the indicator was read with {1}");

    public static readonly MessageTemplate Neither = new("PHRASE-NEITHER",
        "两者都没有",
        "neither");

    public static readonly MessageTemplate OnlyOne = new("PHRASE-ONLY-ONE",
        "只有其中一个",
        "only one of them");

    public static readonly MessageTemplate GhostRowTarget = new("READ-GHOST-TARGET",
        "忽略了一个残行：指标“{0}”在第 {1} 行连同其年度指标值再次出现",
        "ignored a ghost row: the indicator '{0}' follows on line {1} with its 年度指标值");

    public static readonly MessageTemplate GhostRowValues = new("READ-GHOST-VALUES",
        "忽略了一个残行：指标“{0}”在第 {1} 行连同其数值再次出现",
        "ignored a ghost row: the indicator '{0}' follows on line {1} with its values");

    public static readonly MessageTemplate NoTarget = new("READ-IND-NO-TARGET",
        "指标“{0}”没有年度指标值：指标名称之后应为其指标值；该值缺失或无法恢复",
        "the indicator '{0}' has no 年度指标值: expected the indicator name followed by its target value; the value is missing or could not be recovered");

    public static readonly MessageTemplate LevelCell = new("READ-LEVEL-CELL",
        "无法归置指标名称左侧的单元格“{0}”：此处应至多为一级和二级指标标签",
        "could not place the cell '{0}' left of the indicator name: expected at most the 一级 and 二级 labels there");

    public static readonly MessageTemplate LevelUnknown = new("READ-LEVEL-UNKNOWN",
        "层级标签“{0}”不是已知的一级/二级指标（应如“产出指标”“数量指标”“社会效益指标”）；已按原样保留",
        "the level label '{0}' is not a known 一级/二级指标 label (expected e.g. 产出指标, 数量指标, 社会效益指标); it was kept as printed");

    public static readonly MessageTemplate LevelPiece = new("READ-LEVEL-PIECE",
        "无法归置标签片段“{0}”：应为上一行层级标签的后半部分",
        "could not place the label piece '{0}': expected it to complete the level label of the row above");

    public static readonly MessageTemplate LevelCut = new("READ-LEVEL-CUT",
        "层级标签“{0}”被截断，无法对应唯一的一级/二级指标（应如“生态效益指标”，或下一行有“指标”等后半部分）；已按原样保留",
        "the level label '{0}' is cut off and matches no single 一级/二级指标 label (expected e.g. 生态效益指标 or a tail such as 指标 on the next row); it was kept as printed");

    public static readonly MessageTemplate TextBeforeIndicators = new("READ-TEXT-BEFORE",
        "无法归置第一个指标之前的文字“{0}”：应为含分值和得分的指标行",
        "could not place the text '{0}' before the first indicator: expected an indicator row with 分值 and 得分");

    public static readonly MessageTemplate Continuation = new("READ-CONTINUATION",
        "此行没有分值/得分：其文字按第 {1} 行指标“{0}”的续行读取",
        "the row has no 分值/得分: its texts were read as the continuation of the indicator '{0}' on line {1}");

    // ------------------------------------------------------------------ workbooks, documents, web pages, PDF

    public static readonly MessageTemplate PdfLabel = new("PHRASE-PDF", "PDF", "PDF");

    public static readonly MessageTemplate WebPageLabel = new("PHRASE-WEB-PAGE", "网页", "web page");

    public static readonly MessageTemplate WorkbookLabel = new("PHRASE-XLSX", "Excel 工作簿", "Excel workbook");

    public static readonly MessageTemplate LegacyWorkbookLabel = new("PHRASE-XLS", "Excel 工作簿（.xls）", "Excel workbook (.xls)");

    public static readonly MessageTemplate WordLabel = new("PHRASE-DOCX", "Word 文档", "Word document");

    public static readonly MessageTemplate SheetHidden = new("SHEET-HIDDEN",
        "工作表“{0}”已隐藏：未读取（隐藏的工作表存放的是清单和计算过程，不是公开的表单）；如需读取请取消隐藏",
        "sheet {0} is hidden: not read (hidden worksheets hold lists and workings, not the published form); unhide it to read it");

    public static readonly MessageTemplate SheetNotCells = new("SHEET-CHART",
        "“{0}”是图表或对话框工作表，不是普通工作表：没有单元格，未读取",
        "sheet {0} is a chart or dialog sheet, not a worksheet: it holds no cells and was not read");

    public static readonly MessageTemplate NoVisibleSheet = new("WORKBOOK-NO-VISIBLE",
        "工作簿没有可见的工作表：应有含表单的工作表（隐藏的工作表不读取）",
        "the workbook has no visible worksheet: expected a worksheet holding a form (hidden sheets are not read)");

    public static readonly MessageTemplate WorkbookMacros = new("XLSX-MACROS",
        "工作簿含有宏（vbaProject.bin）：宏从不执行；只读取了单元格",
        "the workbook holds macros (vbaProject.bin): they are never run; only the cells were read");

    public static readonly MessageTemplate NoSheets = new("XLSX-NO-SHEETS",
        "工作簿没有列出工作表（xl/workbook.xml 中没有 sheets）：应为至少含一个工作表的 Excel 工作簿",
        "the workbook lists no worksheets (xl/workbook.xml has no sheets): expected an Excel workbook with at least one worksheet");

    public static readonly MessageTemplate WorkbookFailed = new("XLSX-FAILED",
        "Excel 工作簿无法继续读取（{0}）：文件可能已损坏或不是 .xlsx 工作簿；应为 Office Open XML 工作簿；此前读取的表单已保留",
        "the Excel workbook could not be read further ({0}): the file may be damaged or not an .xlsx workbook; expected an Office Open XML workbook; the forms read before were kept");

    public static readonly MessageTemplate LegacyWorkbookFailed = new("XLS-FAILED",
        "Excel 工作簿（.xls）无法继续读取（{0}）：文件可能已损坏；应为旧版 Excel（BIFF）工作簿；此前读取的表单已保留",
        "the Excel workbook (.xls) could not be read further ({0}): the file may be damaged; expected a legacy Excel (BIFF) workbook; the forms read before were kept");

    public static readonly MessageTemplate WorkbookPassword = new("XLS-PASSWORD",
        "工作簿设有密码（已加密）：无法读取；请去掉密码另存后再读取",
        "the workbook is protected by a password (encrypted): it cannot be read; save it without a password and read that");

    public static readonly MessageTemplate LegacyWorkbookUnreadable = new("XLS-UNREADABLE",
        "文件不是可读取的旧版 Excel 工作簿（{0}）：可能已损坏；应为 .xls 工作簿（BIFF）——请另存为 .xlsx 再读取",
        "the file is not a readable legacy Excel workbook ({0}): it may be damaged; expected an .xls workbook (BIFF) — save it as .xlsx and read that");

    public static readonly MessageTemplate NotOle2 = new("XLS-NOT-OLE2",
        "文件不是旧版 Office（OLE2）文件：应为以 D0 CF 11 E0 A1 B1 1A E1 开头的 Excel 工作簿（.xls）",
        "the file is not a legacy Office (OLE2) file: expected an Excel workbook (.xls) beginning with D0 CF 11 E0 A1 B1 1A E1");

    public static readonly MessageTemplate LegacyWordInWorkbook = new("XLS-IS-DOC",
        "不读取旧版 Word 文档（.doc 或 WPS 文字 .wps）：请另存为 .docx（Word：文件 › 另存为 › Word 文档）再读取；应为 Excel 工作簿",
        "a legacy Word document (.doc, or WPS 文字 .wps) is not read: save it as .docx (Word: File › Save As › Word Document) and read that; expected an Excel workbook");

    public static readonly MessageTemplate LegacyPowerPoint = new("XLS-IS-PPT",
        "不读取旧版 PowerPoint 演示文稿（.ppt）：应为 Excel 工作簿；请把表格复制到工作簿中并另存为 .xlsx",
        "a legacy PowerPoint presentation (.ppt) is not read: expected an Excel workbook; copy the tables into a workbook and save it as .xlsx");

    public static readonly MessageTemplate Ole2WithoutWorkbook = new("XLS-NO-WORKBOOK",
        "文件是不含工作簿的旧版 Office（OLE2）文件：应为 Excel 工作簿（.xls）；请把表格另存为 .xlsx 再读取",
        "the file is a legacy Office (OLE2) file holding no workbook: expected an Excel workbook (.xls); save the tables as .xlsx and read that");

    public static readonly MessageTemplate ZipPartTooLarge = new("ZIP-PART-SIZE",
        "部件 {0} 解压后为 {1:N0} 字节，超过单个部件的上限 {2:N0} 字节（疑为 ZIP 炸弹）：应为大小正常的{3}；未读取任何内容",
        "the part {0} expands to {1:N0} bytes, more than the {2:N0} one part may have (a ZIP bomb?): expected an {3} of ordinary size; nothing was read");

    public static readonly MessageTemplate ZipPartRatio = new("ZIP-PART-RATIO",
        "部件 {0} 解压后膨胀 {1:N0} 倍（{2:N0} 字节到 {3:N0} 字节），超过允许的 {4:N0} 倍（疑为 ZIP 炸弹）：应为{5}；未读取任何内容",
        "the part {0} expands {1:N0} times ({2:N0} to {3:N0} bytes), more than the ratio {4:N0} allowed (a ZIP bomb?): expected an {5}; nothing was read");

    public static readonly MessageTemplate ZipWithoutMain = new("ZIP-NOT-MAIN",
        "文件是{0}，不是{1}：压缩包中应有 {2} 文件夹；请把表格另存为{1}再读取",
        "the file is {0}, not an {1}: expected the folder {2} in the archive; save the tables as an {1} and read that");

    public static readonly MessageTemplate ZipHoldsWord = new("PHRASE-ZIP-WORD",
        "Word 文档（含有 word/document.xml）",
        "a Word document (it holds word/document.xml)");

    public static readonly MessageTemplate ZipHoldsSlides = new("PHRASE-ZIP-PPT",
        "PowerPoint 演示文稿（含有 ppt/）",
        "a PowerPoint presentation (it holds ppt/)");

    public static readonly MessageTemplate ZipWithout = new("PHRASE-ZIP-WITHOUT",
        "不含 {0} 的 ZIP 压缩包",
        "a ZIP archive without {0}");

    public static readonly MessageTemplate ZipIncomplete = new("ZIP-INCOMPLETE",
        "文件不是完整的 ZIP 压缩包（{0}）：可能被截断或已损坏；应为{1}",
        "the file is not a complete ZIP archive ({0}): it may be truncated or damaged; expected an {1}");

    public static readonly MessageTemplate ZipUnreadable = new("ZIP-UNREADABLE",
        "无法读取 ZIP 压缩包（{0}）：可能被截断或已损坏；应为{1}",
        "the ZIP archive could not be read ({0}): it may be truncated or damaged; expected an {1}");

    public static readonly MessageTemplate WordTooLarge = new("DOCX-TOO-LARGE",
        "Word 文档大于 {0:N0} 字节（单个文件的上限）：未读取任何内容",
        "the Word document is larger than {0:N0} bytes, the most one file may have: nothing was read");

    public static readonly MessageTemplate WordWithoutMain = new("DOCX-NO-MAIN",
        "Word 文档没有主文档部件（word/document.xml）：应为由文字处理软件保存的 .docx；未读取任何内容",
        "the Word document has no main document part (word/document.xml): expected a .docx saved by a word processor; nothing was read");

    public static readonly MessageTemplate WordNested = new("DOCX-NESTED",
        "Word 文档中的表格嵌套超过 {0} 层（表格单元格中又有表格……）：表单的表格至多嵌套几层；未读取任何内容",
        "the Word document holds tables nested more than {0} deep (a table in a cell of a table …): expected a form's tables, nested a few deep at most; nothing was read");

    public static readonly MessageTemplate WordMacros = new("DOCX-MACROS",
        "文档含有宏（word/vbaProject.bin）：宏未执行；只读取了表格中的文字",
        "the document holds macros (word/vbaProject.bin): they were not run; only the text of its tables was read");

    public static readonly MessageTemplate WordWithoutTable = new("DOCX-NO-TABLE",
        "Word 文档中没有至少两列的表格：表单应为 Word 表格",
        "the Word document holds no table of at least two columns: expected the form as a Word table");

    public static readonly MessageTemplate WordZipDamaged = new("DOCX-ZIP-DAMAGED",
        "Word 文档被截断或已损坏：无法读取其 ZIP 目录（{0}）：应为完整的 .docx 文件",
        "the Word document is truncated or damaged: its ZIP directory could not be read ({0}): expected a complete .docx file");

    public static readonly MessageTemplate WordPartTooLarge = new("DOCX-PART-SIZE",
        "部件 {0} 解压后为 {1:N0} 字节，超过单个部件的上限 {2:N0} 字节（疑为 ZIP 炸弹）：应为大小正常的 Word 文档；未读取任何内容",
        "the part {0} expands to {1:N0} bytes, more than the {2:N0} one part may have (a ZIP bomb?): expected a Word document of ordinary size; nothing was read");

    public static readonly MessageTemplate WordPartRatio = new("DOCX-PART-RATIO",
        "部件 {0} 解压后膨胀 {1:N0} 倍，超过单个部件允许的 {2:N0} 倍（疑为 ZIP 炸弹）：应为内容正常的 Word 文档；未读取任何内容",
        "the part {0} expands {1:N0} times, more than the {2:N0} times a part may (a ZIP bomb?): expected a Word document of ordinary XML; nothing was read");

    public static readonly MessageTemplate WordPartFromNothing = new("DOCX-PART-RATIO",
        "部件 {0} 由零字节解压膨胀，超过单个部件允许的 {1:N0} 倍（疑为 ZIP 炸弹）：应为内容正常的 Word 文档；未读取任何内容",
        "the part {0} expands from nothing, more than the {1:N0} times a part may (a ZIP bomb?): expected a Word document of ordinary XML; nothing was read");

    public static readonly MessageTemplate WordWithoutDocument = new("DOCX-NO-WORD",
        "ZIP 压缩包中没有 word/ 文档部件：应为 Word 文档（.docx）；未读取任何内容",
        "the ZIP archive holds no word/ document part: expected a Word document (.docx); nothing was read");

    public static readonly MessageTemplate PageTooLarge = new("HTML-TOO-LARGE",
        "网页大于 {0:N0} 字节（单个网页的上限）：应为保存下来的表单网页；未读取任何内容",
        "the web page is larger than {0:N0} bytes, the most one page may have: expected a saved page of forms; nothing was read");

    public static readonly MessageTemplate PageWithoutTable = new("HTML-NO-TABLE",
        "网页中没有至少两列的表格：表单应为 HTML 表格（<table>）",
        "the web page holds no table of at least two columns: expected the form as an HTML table (<table>)");

    public static readonly MessageTemplate PageNotUtf8 = new("HTML-UTF8-BAD",
        "网页声明为 UTF-8，但含有非 UTF-8 字节：已替换为 U+FFFD；请核对网页文字",
        "the web page declares UTF-8 but holds bytes that are not UTF-8: they were replaced by U+FFFD; check the page's text");

    public static readonly MessageTemplate PageIsUtf8 = new("HTML-CHARSET-UTF8",
        "网页声明的字符集为 {0}，但其字节是 UTF-8：已按 UTF-8 读取",
        "the web page declares charset {0} but its bytes are UTF-8: read as UTF-8");

    public static readonly MessageTemplate PageCharsetUnknown = new("HTML-CHARSET-UNKNOWN",
        "网页声明的字符集 {0} 无法识别：已按 {1} 读取",
        "the web page declares charset {0}, which is not known: read as {1}");

    public static readonly MessageTemplate PageWithoutCharset = new("HTML-NO-CHARSET",
        "网页未声明字符集，且不是 UTF-8：已按 GB18030（GBK）读取；请核对网页文字",
        "the web page declares no charset and is not UTF-8: read as GB18030 (GBK); check the page's text");

    public static readonly MessageTemplate PdfWithoutPages = new("PDF-NO-PAGES",
        "PDF 没有页面：应有绩效表单的页面；文件可能已损坏",
        "the PDF has no pages: expected the pages of a performance form; the file may be damaged");

    public static readonly MessageTemplate PdfPagesFailed = new("PDF-PAGES-FAILED",
        "第 {0}–{1} 页无法读取：文件从此处起似乎被截断或已损坏；其后 {2:N0} 页未读取；此前的表单已保留",
        "pages {0}–{1} could not be read: the file looks truncated or damaged from there; the {2:N0} pages after were not read; the forms before were kept");

    public static readonly MessageTemplate PdfCannotOpen = new("PDF-OPEN",
        "无法作为 PDF 打开文件（{0}）：可能被截断或已损坏，或虽以 %PDF- 开头但并非 PDF；应为完整的 PDF 文档",
        "the file could not be opened as a PDF ({0}): it may be truncated or damaged, or not a PDF although it begins like one (%PDF-); expected a complete PDF document");

    public static readonly MessageTemplate PdfEncrypted = new("PDF-ENCRYPTED",
        "PDF 已加密（设有密码）：没有密码无法读取其文字；应为未加密的 PDF：请用密码打开后不设密码另存或重新打印，再读取",
        "the PDF is encrypted (password-protected): its text cannot be read without the password; expected an unprotected PDF: open it with the password and save or print it again without one, then read that");

    public static readonly MessageTemplate PdfPageEncrypted = new("PDF-ENCRYPTED",
        "第 {0} 页：" + PdfEncrypted.Zh,
        "page {0}: " + PdfEncrypted.En);

    public static readonly MessageTemplate PdfPageFailed = new("PDF-PAGE-FAILED",
        "第 {0} 页无法读取（{1}）：该页可能已损坏；应为有文字的页面；其他页已读取",
        "page {0} could not be read ({1}): the page may be damaged; expected a page of text; the other pages were read");

    public static readonly MessageTemplate PdfScannedPage = new("PDF-SCANNED",
        "第 1 页只有图像（扫描页）：无法从图像中读取文字；应为含文字的 PDF（如由 Word、Excel 或 WPS 导出）：请先做文字识别（OCR，如 ocrmypdf）再读取结果",
        "page 1 holds only an image (a scanned page): text cannot be read from images; expected a PDF with text (as exported from Word, Excel or WPS): run OCR on it (e.g. ocrmypdf) and read the result");

    public static readonly MessageTemplate PdfScanned = new("PDF-SCANNED",
        "全部 {0:N0} 页都只有图像（扫描文档）：无法从图像中读取文字；应为含文字的 PDF（如由 Word、Excel 或 WPS 导出）：请先做文字识别（OCR，如 ocrmypdf）再读取结果",
        "all {0:N0} pages hold only images (a scanned document): text cannot be read from images; expected a PDF with text (as exported from Word, Excel or WPS): run OCR on it (e.g. ocrmypdf) and read the result");

    public static readonly MessageTemplate PdfWithoutTextPage = new("PDF-NO-TEXT",
        "PDF 的 {0:N0} 页上没有文字：应有绩效表单的文字",
        "the PDF prints no text on its {0:N0} page: expected the text of a performance form");

    public static readonly MessageTemplate PdfWithoutText = new("PDF-NO-TEXT",
        "PDF 的 {0:N0} 页上都没有文字：应有绩效表单的文字",
        "the PDF prints no text on its {0:N0} pages: expected the text of a performance form");

    public static readonly MessageTemplate PdfWithoutTablePage = new("PDF-NO-TABLE",
        "在有文字的 {0:N0} 页上没有找到表格（共 {1:N0} 个字符，没有两格以上的行）：应有绩效表单的表格（项目名称、预算执行情况、绩效指标等），有无表格线均可",
        "no table was found on the {0:N0} page with text ({1:N0} characters, no row of two or more cells): expected the table of a performance form (项目名称, 预算执行情况, 绩效指标 …), with or without ruling lines");

    public static readonly MessageTemplate PdfWithoutTable = new("PDF-NO-TABLE",
        "在有文字的 {0:N0} 页上没有找到表格（共 {1:N0} 个字符，没有两格以上的行）：应有绩效表单的表格（项目名称、预算执行情况、绩效指标等），有无表格线均可",
        "no table was found on the {0:N0} pages with text ({1:N0} characters, no row of two or more cells): expected the table of a performance form (项目名称, 预算执行情况, 绩效指标 …), with or without ruling lines");

    public static readonly MessageTemplate PdfScannedSkipped = new("PDF-SCANNED-SKIPPED",
        "第 {0} 页只有图像（扫描页）：无法从图像中读取文字，已跳过这些页；应为含文字的页面：请对文件做文字识别（OCR，如 ocrmypdf）后再读取",
        "page {0} holds only an image (a scanned page): text cannot be read from images, those pages were skipped; expected pages with text: run OCR on the file (e.g. ocrmypdf) to read them");

    public static readonly MessageTemplate PdfScannedPagesSkipped = new("PDF-SCANNED-SKIPPED",
        "第 {0}–{1} 页只有图像（扫描页）：无法从图像中读取文字，已跳过这些页；应为含文字的页面：请对文件做文字识别（OCR，如 ocrmypdf）后再读取",
        "pages {0}–{1} hold only images (scanned pages): text cannot be read from images, those pages were skipped; expected pages with text: run OCR on the file (e.g. ocrmypdf) to read them");

    // ------------------------------------------------------------------ jixiao.form/1 JSON

    public static readonly MessageTemplate JsonCannotOpen = new("JSON-OPEN",
        "无法打开文件：{0}",
        "cannot open the file: {0}");

    public static readonly MessageTemplate JsonCannotRead = new("JSON-READ",
        "无法读取文件：{0}",
        "cannot read the file: {0}");

    public static readonly MessageTemplate JsonEmpty = new("JSON-EMPTY",
        "文件为空：应为由 jixiao.form/1 对象组成的 JSON 数组",
        "the file is empty: expected a JSON array of jixiao.form/1 objects");

    public static readonly MessageTemplate JsonStart = new("JSON-START",
        "$：应为由 jixiao.form/1 对象组成的 JSON 数组“[”或表单对象“{{”，读到{0}",
        "$: expected a JSON array '[' of jixiao.form/1 objects or a form object '{{', found {0}");

    public static readonly MessageTemplate JsonByte = new("PHRASE-BYTE",
        "字节 0x{0}",
        "byte 0x{0}");

    public static readonly MessageTemplate JsonArrayNotClosed = new("JSON-ARRAY-OPEN",
        "$：输入意外结束：{0} 个表单之后应有“]”结束数组",
        "$: unexpected end of input: expected ']' to close the array after {0} form(s)");

    public static readonly MessageTemplate JsonArraySeparator = new("JSON-ARRAY-SEP",
        "$：$[{0}] 之后应为“,”或“]”，读到{1}",
        "$: expected ',' or ']' after $[{0}], found {1}");

    public static readonly MessageTemplate JsonArrayEnded = new("JSON-ARRAY-END",
        "$：输入意外结束：“,”之后应有 $[{0}]",
        "$: unexpected end of input: expected $[{0}] after ','");

    public static readonly MessageTemplate JsonSyntax = new("JSON-SYNTAX",
        "{0}：JSON 格式错误（{1}）",
        "{0}: invalid JSON: {1}");

    public static readonly MessageTemplate JsonNotClosed = new("JSON-UNCLOSED",
        "{0}：输入意外结束：从此处开始的值没有结束",
        "{0}: unexpected end of input: the value that starts here is not closed");

    public static readonly MessageTemplate JsonTrailing = new("JSON-TRAILING",
        "$：结束数组的“]”之后有多余的{0}（已忽略）",
        "$: unexpected {0} after the closing ']' (ignored)");

    public static readonly MessageTemplate JsonNotFormObject = new("JSON-NOT-FORM-OBJECT",
        "{0}：应为表单对象（jixiao.form/1），读到{1}",
        "{0}: expected a form object (jixiao.form/1), found {1}");

    public static readonly MessageTemplate JsonKind = new("JSON-KIND",
        "{0}：应为 " + KindsZh + "，读到 \"{1}\"",
        "{0}: expected " + Kinds + ", found \"{1}\"");

    public static readonly MessageTemplate JsonUnit = new("JSON-UNIT",
        "{0}：应为 \"万元\" 或 \"元\"，读到 \"{1}\"",
        "{0}: expected \"万元\" or \"元\", found \"{1}\"");

    public static readonly MessageTemplate JsonNotAForm = new("JSON-NOT-FORM",
        "{0}：不是绩效表单：缺少 " + KindAndNameZh + "（{1}）；已跳过该值",
        "{0}: Not a form: expected a jixiao.form/1 object with " + KindAndName + ", {1}; the value is skipped",
        stored: "{0}: 不是绩效表单：缺少 " + KindAndNameZh + "。Not a form: expected a jixiao.form/1 object with " + KindAndName + ", {1}; the value is skipped");

    public static readonly MessageTemplate JsonFoundOnly = new("PHRASE-FOUND-ONLY",
        "只有 {0}",
        "found only {0}");

    public static readonly MessageTemplate JsonFoundNoMember = new("PHRASE-FOUND-NO-MEMBER",
        "没有任何表单成员",
        "found no member of a form");

    public static readonly MessageTemplate JsonSchema = new("JSON-SCHEMA",
        "{0}：应为 \"jixiao.form/1\"，读到 {1}；已跳过该表单",
        "{0}: expected \"jixiao.form/1\", found {1}; the form is skipped");

    public static readonly MessageTemplate JsonNoSchema = new("JSON-NO-SCHEMA",
        "{0}：没有 \"schema\" 成员；按 jixiao.form/1 读取",
        "{0}: no \"schema\" member; read as jixiao.form/1");

    public static readonly MessageTemplate JsonKindMissing = new("JSON-KIND-MISSING",
        "{0}：缺失或无效：应为 " + KindsZh + "；按 {1} 读取",
        "{0}: missing or invalid: expected " + Kinds + "; read as {1}");

    public static readonly MessageTemplate JsonSelfFundsInDeclaration = new("JSON-FUNDS-IGNORED",
        "{0}：申报表中的自评资金行（total/appropriation/carryover/other）已忽略",
        "{0}: self-evaluation fund lines (total/appropriation/carryover/other) in a target declaration are ignored");

    public static readonly MessageTemplate JsonDeclarationFundsInSelf = new("JSON-FUNDS-IGNORED",
        "{0}：自评表中的申报资金成员（projectTotal 等）已忽略",
        "{0}: declaration fund members (projectTotal …) in a self-evaluation are ignored");

    public static readonly MessageTemplate JsonIndicators = new("JSON-INDICATORS",
        "{0}：应为指标数组或 null，读到{1}",
        "{0}: expected an array of indicators or null, found {1}");

    public static readonly MessageTemplate JsonIndicator = new("JSON-INDICATOR",
        "{0}：应为指标对象，读到{1}",
        "{0}: expected an indicator object, found {1}");

    public static readonly MessageTemplate JsonBoolean = new("JSON-BOOL",
        "{0}：应为 true、false 或 null，读到{1}",
        "{0}: expected true, false or null, found {1}");

    public static readonly MessageTemplate JsonExpected = new("JSON-EXPECTED",
        "{0}：应为{1}或 null，读到{2}",
        "{0}: expected {1} or null, found {2}");

    public static readonly MessageTemplate JsonInvalidUtf8 = new("JSON-UTF8",
        "{0}：第 {1} 字节起不是有效的 UTF-8 文本（0x{2}），JSON 文件须以 UTF-8 保存；文件可能是 GB18030/GBK 编码，请另存为 UTF-8",
        "{0}: Invalid UTF-8 at byte {1} (0x{2}): expected UTF-8 text; the file may be in GB18030/GBK — save it as UTF-8",
        stored: "{0}: 第 {1} 字节起不是有效的 UTF-8 文本（0x{2}），JSON 文件须以 UTF-8 保存。Invalid UTF-8 at byte {1} (0x{2}): expected UTF-8 text; the file may be in GB18030/GBK — save it as UTF-8");

    public static readonly MessageTemplate JsonOutOfRange = new("JSON-NUMBER-RANGE",
        "{0}：数字 {1} 超出范围",
        "{0}: the number {1} is out of range");

    public static readonly MessageTemplate JsonWholeNumber = new("JSON-WHOLE",
        "{0}：应为整数，读到 {1}",
        "{0}: expected a whole number, found {1}");

    public static readonly MessageTemplate JsonDate = new("JSON-DATE",
        "{0}：应为 ISO 日期 yyyy-MM-dd 或 null，读到 \"{1}\"",
        "{0}: expected an ISO date yyyy-MM-dd or null, found \"{1}\"");

    public static readonly MessageTemplate AnObject = new("PHRASE-OBJECT", "对象", "an object");

    public static readonly MessageTemplate AnArray = new("PHRASE-ARRAY", "数组", "an array");

    public static readonly MessageTemplate AString = new("PHRASE-STRING", "字符串", "a string");

    public static readonly MessageTemplate ANumber = new("PHRASE-NUMBER", "数字", "a number");

    public static readonly MessageTemplate AWholeNumber = new("PHRASE-WHOLE-NUMBER", "整数", "a whole number");

    public static readonly MessageTemplate TheString = new("PHRASE-THE-STRING", "字符串 \"{0}\"", "a string \"{0}\"");

    public static readonly MessageTemplate TheNumber = new("PHRASE-THE-NUMBER", "数字 {0}", "the number {0}");

    /// <summary>Every template above and those of the official workbook (<see cref="Excel.OfficialWorkbookMessages"/>), for reading stored English back (<see cref="MessageCatalogue.Read"/>).</summary>
    public static IReadOnlyList<MessageTemplate> All { get; } =
        [.. typeof(ReaderMessages).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(MessageTemplate))
            .Select(f => (MessageTemplate)f.GetValue(null)!)
            .Concat(Excel.OfficialWorkbookMessages.All)];

    /// <summary>The readers' messages as a catalogue.</summary>
    public static MessageCatalogue Catalogue { get; } = new(All);

    /// <summary>The message of a format's label (<c>PDF</c>, <c>web page</c> …) in both languages; the English alone when not listed.</summary>
    public static LocalText Label(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        foreach (var label in (MessageTemplate[])[PdfLabel, WebPageLabel, WorkbookLabel, LegacyWorkbookLabel, WordLabel])
        {
            if (label.En == english)
            {
                return label.Format();
            }
        }

        return new LocalText("PHRASE-FORMAT", english, english);
    }
}
