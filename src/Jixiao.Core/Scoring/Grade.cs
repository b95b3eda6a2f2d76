namespace Jixiao.Core.Scoring;

/// <summary>评分等级.</summary>
public enum Grade
{
    /// <summary>差.</summary>
    Poor,

    /// <summary>中.</summary>
    Fair,

    /// <summary>良.</summary>
    Good,

    /// <summary>优.</summary>
    Excellent,
}

public static class Grades
{
    /// <summary>The character forms print: 优 / 良 / 中 / 差.</summary>
    public static string ToChinese(this Grade grade) => grade switch
    {
        Grade.Excellent => "优",
        Grade.Good => "良",
        Grade.Fair => "中",
        _ => "差",
    };

    /// <summary>
    /// Reads a printed 评分等级: 优 / 优秀, 良 / 良好, 中 / 中等, 差 / 较差; null for anything else
    /// (合格 and other schemes are not graded here).
    /// </summary>
    public static Grade? Parse(string? printed)
    {
        if (string.IsNullOrWhiteSpace(printed))
        {
            return null;
        }

        var t = printed.AsSpan().Trim();
        return t switch
        {
            "优" or "优秀" => Grade.Excellent,
            "良" or "良好" => Grade.Good,
            "中" or "中等" or "一般" => Grade.Fair,
            "差" or "较差" => Grade.Poor,
            _ => null,
        };
    }
}
