using System.Net;
using System.Text;
using Jixiao.Data.Entities;
using Jixiao.Tests.Shared;

namespace Jixiao.Web.Tests.Language;

/// <summary>
/// One application for the language tests (issue 10, fix item 5): a small text form the reader has notes about (a
/// row it cannot place in the fund table, no year, no 总分 row), a text file holding no form and a JSON object that
/// is not a form (two failed batches), the 淞南镇 2023 self-evaluations (5 forms with grades and findings), and a
/// department user created by the administrator, all through the import page and the account store.
/// </summary>
public sealed class LanguageFixture : IAsyncLifetime
{
    /// <summary>A self-evaluation written for these tests: no year line, a note row inside the fund table, no 总分 row.</summary>
    public static readonly string NotesForm = string.Join('\n',
        "财政项目支出绩效自评表",
        "项目名称\t\t社区读书角建设",
        "主管部门\t\t江海市文化局\t\t实施单位\t\t江海市图书馆",
        "项目资金 (万元)\t\t年初预算数\t全年预算数\t全年执行数\t分数\t执行率(%)\t得分",
        "\t年度资金总额:\t10.00\t10.00\t9.00\t10.00\t90.00\t9.00",
        "\t说明文字\t见附件",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t新建读书角\t=10(个)\t10(个)\t90.00\t90.00\t",
        "");

    public JixiaoWebFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public ImportBatch Notes { get; private set; } = null!;

    public ImportBatch NoForm { get; private set; } = null!;

    public ImportBatch NotAForm { get; private set; } = null!;

    public ImportBatch Songnan { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = await Factory.SignedInAsync("admin", "jixiao-admin");
        var response = await JixiaoWebFactory.UploadAsync(Admin,
            ("notes.txt", Encoding.UTF8.GetBytes(NotesForm)),
            ("nothing.txt", "这不是一张表。\n只有几行说明文字。\n"u8.ToArray()),
            ("a.json", """{"a":1}"""u8.ToArray()),
            (Corpus.Songnan2023, await File.ReadAllBytesAsync(Corpus.PathOf(Corpus.Songnan2023))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = CorpusFixture.BatchIds(await response.Content.ReadAsStringAsync());
        Notes = await Factory.WaitForBatchAsync(ids[0]);
        NoForm = await Factory.WaitForBatchAsync(ids[1]);
        NotAForm = await Factory.WaitForBatchAsync(ids[2]);
        Songnan = await Factory.WaitForBatchAsync(ids[3]);
        Assert.Equal(
            (ImportStatus.Succeeded, ImportStatus.Failed, ImportStatus.Failed, ImportStatus.Succeeded),
            (Notes.Status, NoForm.Status, NotAForm.Status, Songnan.Status));
        await Factory.CreateUserAsync("culture-dept", "culture-dept-password", UserRole.DepartmentUser, "江海市文化局");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
