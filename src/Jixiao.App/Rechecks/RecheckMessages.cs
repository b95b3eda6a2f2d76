using Jixiao.Core.Forms;

namespace Jixiao.App.Rechecks;

/// <summary>
/// Why a re-check ended other than done (重新核查未完成的原因), kept on the job in English (<see cref="LocalText.Kept"/>)
/// and worded in the user's language by <see cref="Localize"/>, as an import batch's reasons are.
/// </summary>
public static class RecheckMessages
{
    public static readonly MessageTemplate Replaced = new("RECHECK-REPLACED",
        "已被核查版本 {0} 的重新核查取代（本任务核查到版本 {1}）",
        "replaced by a re-check to version {0} (this job re-checked to {1})");

    public static readonly MessageTemplate FormFailed = new("RECHECK-FORM-FAILED",
        "表单 {0}（{1}）无法核查：{2}：{3}",
        "form {0} ({1}) could not be checked: {2}: {3}");

    public static readonly MessageTemplate Failed = new("RECHECK-FAILED",
        "重新核查出错：{0}：{1}",
        "the re-check failed: {0}: {1}");

    /// <summary>The templates of this class.</summary>
    public static MessageCatalogue Catalogue { get; } = new([Replaced, FormFailed, Failed]);

    /// <summary>A kept reason in Chinese or (<paramref name="english"/>) English; a text no template made, as it is.</summary>
    public static string Localize(string? kept, bool english) =>
        string.IsNullOrEmpty(kept) ? kept ?? "" : Catalogue.Read(kept)?.In(english) ?? kept;
}
