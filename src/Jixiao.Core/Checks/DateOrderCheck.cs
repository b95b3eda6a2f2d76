using System.Globalization;

namespace Jixiao.Core.Checks;

/// <summary>DATE-ORDER: 计划完成日期 before 计划开始日期.</summary>
public sealed class DateOrderCheck : ICheck
{
    public static CheckDefinition Rule { get; } = new(
        "DATE-ORDER", Severity.Error, CheckCategory.Consistency, FormKinds.Both, Fields.PlannedEnd,
        "计划完成日期早于计划开始日期。",
        "The planned end date (计划完成日期) is before the planned start date (计划开始日期).",
        "A project ends after it starts: 计划开始日期 and 计划完成日期 bound the implementation period of the declaration (申报表 fields, rules-reference §3); one of the two dates is wrong. Checked on any form that carries both dates.");

    public CheckDefinition Definition => Rule;

    public void Run(CheckContext context)
    {
        var form = context.Form;
        if (form.PlannedStart is not { } start || form.PlannedEnd is not { } end || end >= start)
        {
            return;
        }

        context.Report(Rule, Fields.PlannedEnd,
            $"计划完成日期 {Date(end)} 早于计划开始日期 {Date(start)}。",
            $"The planned end date {Date(end)} is before the planned start date {Date(start)}.");
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
