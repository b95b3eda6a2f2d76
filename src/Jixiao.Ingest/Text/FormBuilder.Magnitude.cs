using System.Globalization;
using System.Text.RegularExpressions;
using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Text;

/// <summary>
/// Amounts whose printed unit contradicts their size (单位与数量级矛盾): a declaration labelled 万元 whose amounts are
/// plainly yuan. The reader never rescales; it keeps what is printed and names both readings, with the evidence.
/// </summary>
internal sealed partial class FormBuilder
{
    /// <summary>More than this many 万元 (10 billion yuan) for one project is taken as yuan printed under a 万元 label.</summary>
    private const decimal ImplausibleTenThousands = 1_000_000m;

    private static readonly Regex MoneyInText = new(@"(\d+(?:\.\d+)?)\s*(万元|万|元)", RegexOptions.CultureInvariant);

    private void CheckUnitMagnitude()
    {
        if (Form.MoneyUnit != MoneyUnit.TenThousandYuan || Form.DeclarationFunds is not { } funds)
        {
            return;
        }

        var amounts = new (string Label, decimal? Yuan)[] { ("本年度项目金额", funds.AnnualTotal), ("项目总金额", funds.ProjectTotal) };
        foreach (var (label, yuan) in amounts)
        {
            if (yuan is not { } y || y <= 0)
            {
                continue;
            }

            var printed = MoneyUnit.TenThousandYuan.FromYuan(y);
            (string Name, string Text, decimal Yuan)? evidence = null;
            foreach (var indicator in Form.Indicators)
            {
                foreach (var text in new[] { indicator.Target, indicator.Name, indicator.Explanation })
                {
                    if (evidence is null && CostInYuan(text) is { } cost && Math.Abs(cost - printed) <= Math.Max(1m, printed * 0.005m))
                    {
                        evidence = (indicator.Name, text!, Decimals.Shortest(cost));
                    }
                }
            }

            if (evidence is null && printed < ImplausibleTenThousands)
            {
                continue;
            }

            var asPrinted = Decimals.Shortest(printed).ToString("#,0.####", CultureInfo.InvariantCulture);
            var asTenThousands = Decimals.Shortest(y).ToString("N0", CultureInfo.InvariantCulture);
            Diagnose(DiagnosticSeverity.Warning, FirstLine, evidence is { } e
                ? ReaderMessages.LooksLikeYuanByIndicator.Format(label, asPrinted, asTenThousands, e.Name, e.Text, e.Yuan.ToString("N0", CultureInfo.InvariantCulture))
                : ReaderMessages.LooksLikeYuan.Format(label, asPrinted, asTenThousands, ImplausibleTenThousands));
        }
    }

    /// <summary>The first amount of money in a text, in yuan: 13.7584万元 → 137584; null when none.</summary>
    private static decimal? CostInYuan(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var match = MoneyInText.Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return match.Groups[2].Value == "元" ? value : value * 10_000m;
    }
}
