using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Core.Checks;
using Jixiao.Core.Forms;
using Jixiao.Data.Entities;
using Jixiao.Data.Schema;
using Jixiao.Data.Search;

namespace Jixiao.Data.Forms;

/// <summary>
/// Turns a <see cref="PerformanceForm"/> with its <see cref="CheckResult"/> into stored records, and stored records back
/// into a <see cref="PerformanceForm"/>. Values that do not fit their column (a garbled amount of 10^20 yuan) are
/// stored as null rather than failing the import. Not thread-safe (reuses a hashing buffer).
/// </summary>
public sealed class FormMapper
{
    internal const int NameLength = 500;
    internal const int MoneyScale = 2;
    internal const int FineScale = 4;
    internal const int RatePrecision = 14;
    internal const int ScorePrecision = 12;

    private static readonly decimal MoneyLimit = Pow10(JixiaoDbContext.MoneyPrecision - MoneyScale);
    private static readonly decimal RateLimit = Pow10(RatePrecision - FineScale);
    private static readonly decimal ScoreLimit = Pow10(ScorePrecision - FineScale);

    private byte[] hashBuffer = new byte[1024];

    /// <summary>The records of one form; ids are left 0 for the caller to assign.</summary>
    public FormRecord ToRecord(PerformanceForm form, CheckResult result, long batchId, DateTime importedAt)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(result);
        var score = result.Score;
        var self = form.Kind != FormKind.TargetDeclaration;
        var r = new FormRecord
        {
            ImportBatchId = batchId,
            Kind = form.Kind,
            Year = form.Year,
            ProjectName = Cut(form.ProjectName) ?? "",
            LineageKey = NameKeys.Lineage(form.ProjectName),
            Department = Cut(form.Department),
            ImplementingUnit = Cut(form.ImplementingUnit),
            Category = Cut(form.Category, 100),
            PlannedStart = form.PlannedStart,
            PlannedEnd = form.PlannedEnd,
            MoneyUnit = form.MoneyUnit,
            TotalWeight = Score(form.TotalWeight),
            TotalScore = Score(form.TotalScore),
            GradePrinted = Cut(form.Grade, 20),
            IndicatorCount = form.Indicators.Count,
            DiagnosticCount = form.Diagnostics.Count,
            ContentHash = Hash(form),
            SourceFile = Cut(form.Provenance?.File),
            SourceFirstLine = form.Provenance?.FirstLine,
            SourceLastLine = form.Provenance?.LastLine,
            ImportedAt = importedAt,
        };

        if (self)
        {
            var funds = form.SelfEvaluationFunds;
            SetLine(funds?.Total, v => (r.TotalInitialBudget, r.TotalAnnualBudget, r.TotalExecuted, r.TotalFundWeight, r.TotalExecutionRate, r.TotalFundScore) = v);
            SetLine(funds?.Appropriation, v => (r.AppropriationInitialBudget, r.AppropriationAnnualBudget, r.AppropriationExecuted, r.AppropriationFundWeight, r.AppropriationExecutionRate, r.AppropriationFundScore) = v);
            SetLine(funds?.Carryover, v => (r.CarryoverInitialBudget, r.CarryoverAnnualBudget, r.CarryoverExecuted, r.CarryoverFundWeight, r.CarryoverExecutionRate, r.CarryoverFundScore) = v);
            SetLine(funds?.Other, v => (r.OtherInitialBudget, r.OtherAnnualBudget, r.OtherExecuted, r.OtherFundWeight, r.OtherExecutionRate, r.OtherFundScore) = v);
            r.Budget = r.TotalAnnualBudget ?? r.TotalInitialBudget;
            r.Executed = r.TotalExecuted;
            r.ExecutionRatePrinted = r.TotalExecutionRate;
            r.FundSourceLines = PrintedScales.FundLinesOf(funds);
        }
        else if (form.DeclarationFunds is { } d)
        {
            r.ProjectTotal = Money(d.ProjectTotal);
            r.ProjectFiscal = Money(d.ProjectFiscal);
            r.ProjectOther = Money(d.ProjectOther);
            r.AnnualTotal = Money(d.AnnualTotal);
            r.AnnualAppropriation = Money(d.AnnualAppropriation);
            r.AnnualCarryover = Money(d.AnnualCarryover);
            r.AnnualOther = Money(d.AnnualOther);
            r.Budget = r.AnnualTotal ?? r.ProjectTotal;
        }

        for (var i = 0; i < form.Indicators.Count; i++)
        {
            var ind = form.Indicators[i];
            r.Indicators.Add(new IndicatorRecord
            {
                Position = i,
                Level1 = Cut(ind.Level1, 100),
                Level2 = Cut(ind.Level2, 100),
                Name = ind.Name ?? "",
                Target = ind.Target,
                Actual = ind.Actual,
                Weight = Score(ind.Weight),
                Score = Score(ind.Score),
                Deviation = ind.Deviation,
                Operator = Cut(ind.Operator, 20),
                Unit = Cut(ind.Unit, 40),
                Explanation = ind.Explanation,
                Category = ind.Category,
                SourceLine = ind.SourceLine,
            });
        }

        SetChecked(r, form, result);
        r.PrintedScales = PrintedScales.Of(r);
        r.Goals = new FormGoalsRecord
        {
            Expected = form.Goals.Expected,
            Actual = form.Goals.Actual,
            Overall = form.Goals.Overall,
            Annual = form.Goals.Annual,
            LongTerm = form.Goals.LongTerm,
            Details = FormDetailsJson.Write(form.Details),
            ReaderNotes = form.Diagnostics.Count == 0 ? null : string.Join('\n', form.Diagnostics),
        };
        return r;
    }

    /// <summary>
    /// What checking <paramref name="form"/> (stored as form <paramref name="formId"/>) gives, as a record holding only
    /// those values: the year (each finding carries it), the grade it claims, the recomputed rate, scores and grade, the rule set's name, each indicator's
    /// category, recomputed score and outcome, the findings and their counts by severity. The re-check of stored forms
    /// compares it with what is stored (<see cref="Changes"/>) and writes what changed.
    /// </summary>
    public static FormRecord Rechecked(long formId, PerformanceForm form, CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(result);
        var r = new FormRecord { Id = formId, Kind = form.Kind, Year = form.Year, ExecutionRatePrinted = form.Kind != FormKind.TargetDeclaration ? Rate(form.SelfEvaluationFunds?.Total?.ExecutionRate) : null };
        for (var i = 0; i < form.Indicators.Count; i++)
        {
            r.Indicators.Add(new IndicatorRecord { FormId = formId, Position = i, Category = form.Indicators[i].Category });
        }

        SetChecked(r, form, result);
        foreach (var f in r.Findings)
        {
            f.FormId = formId;
        }

        return r;
    }

    /// <summary>
    /// Sets what the score and the checks give on a record whose printed values (and indicators) are set: the claimed
    /// and recomputed grades, rates and scores, the rule set, the indicators' recomputed parts, the findings and counts.
    /// </summary>
    private static void SetChecked(FormRecord r, PerformanceForm form, CheckResult result)
    {
        var score = result.Score;
        var self = form.Kind != FormKind.TargetDeclaration;
        r.Grade = score.PrintedGrade ?? score.PrintedTotalGrade;
        r.CannotAssessCount = self ? score.CannotAssessCount : 0;
        r.RuleSet = result.Rules.Name.Length > 60 ? result.Rules.Name[..60] : result.Rules.Name;
        if (self)
        {
            r.ExecutionRateRecomputed = Rate(score.Execution.Rate);
            r.ExecutionRate = r.ExecutionRateRecomputed ?? r.ExecutionRatePrinted;
            r.ExecutionScoreRecomputed = Score(score.Execution.Expected);
            r.RecomputedTotal = Score(score.Recomputed);
            r.RecomputedMin = Score(score.RecomputedMin);
            r.RecomputedMax = Score(score.RecomputedMax);
            r.RecomputedGrade = score.RecomputedGrade;
        }

        foreach (var ind in r.Indicators)
        {
            var s = ind.Position < score.Indicators.Count ? score.Indicators[ind.Position] : null;
            ind.Category = s?.Category ?? ind.Category;
            ind.RecomputedScore = self && s is not null ? Score(s.Estimate) : null;
            ind.Outcome = self ? s?.Outcome : null;
        }

        foreach (var f in result.Findings)
        {
            switch (f.Severity)
            {
                case Severity.Error: r.ErrorCount++; break;
                case Severity.Warning: r.WarningCount++; break;
                default: r.InfoCount++; break;
            }

            r.Findings.Add(new FindingRecord
            {
                Position = r.Findings.Count,
                Year = r.Year,
                Code = Cut(f.Code, 40) ?? "",
                Severity = f.Severity,
                Category = f.Category,
                Field = Cut(f.Field, 200) ?? "",
                IndicatorIndex = IndicatorIndexOf(f.Field),
                MessageZh = f.MessageZh,
                MessageEn = f.MessageEn,
                SourceLine = f.SourceLine,
            });
        }
    }

    /// <summary>
    /// What a re-check has to write for one stored form: null when <paramref name="fresh"/> (<see cref="Rechecked"/>)
    /// holds what is stored — the same recomputed values of the form (<paramref name="stored"/>) and of its indicators
    /// (<paramref name="storedIndicators"/>), and the same findings of the checks of one form
    /// (<paramref name="storedFindings"/>, in position order, without the findings across forms: code, severity, category,
    /// field, messages and line); else <paramref name="fresh"/>, its indicators cut down to those whose recomputed parts
    /// changed. Numbers compare by value (the stored ones have lost their scale).
    /// </summary>
    public static FormRecord? Changes(FormRecord stored, IReadOnlyList<IndicatorRecord> storedIndicators, IReadOnlyList<FindingRecord> storedFindings, FormRecord fresh)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(storedIndicators);
        ArgumentNullException.ThrowIfNull(storedFindings);
        ArgumentNullException.ThrowIfNull(fresh);
        var changedIndicators = fresh.Indicators
            .Where(b => b.Position >= storedIndicators.Count || storedIndicators[b.Position] is not { } a
                || a.Category != b.Category || a.RecomputedScore != b.RecomputedScore || a.Outcome != b.Outcome)
            .ToList();
        var same = changedIndicators.Count == 0
            && stored.Grade == fresh.Grade && stored.CannotAssessCount == fresh.CannotAssessCount && stored.RuleSet == fresh.RuleSet
            && stored.ExecutionRateRecomputed == fresh.ExecutionRateRecomputed && stored.ExecutionRate == fresh.ExecutionRate
            && stored.ExecutionScoreRecomputed == fresh.ExecutionScoreRecomputed && stored.RecomputedTotal == fresh.RecomputedTotal
            && stored.RecomputedMin == fresh.RecomputedMin && stored.RecomputedMax == fresh.RecomputedMax && stored.RecomputedGrade == fresh.RecomputedGrade
            && storedFindings.Count == fresh.Findings.Count;
        for (var i = 0; same && i < storedFindings.Count; i++)
        {
            var a = storedFindings[i];
            var b = fresh.Findings[i];
            same = a.Code == b.Code && a.Severity == b.Severity && a.Category == b.Category && a.Field == b.Field
                && a.MessageZh == b.MessageZh && a.MessageEn == b.MessageEn && a.SourceLine == b.SourceLine && a.IndicatorIndex == b.IndicatorIndex;
        }

        if (same)
        {
            return null;
        }

        fresh.Indicators = changedIndicators;
        return fresh;
    }

    /// <summary>The search text of a form: project, implementing unit, department and indicator names (<see cref="NameKeys.Search"/>).</summary>
    public static string SearchText(FormRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sb = new StringBuilder(256);
        sb.Append(NameKeys.Search(record.ProjectName)).Append('|')
          .Append(NameKeys.Search(record.ImplementingUnit)).Append('|')
          .Append(NameKeys.Search(record.Department));
        foreach (var i in record.Indicators)
        {
            sb.Append('|').Append(NameKeys.Search(i.Name));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Rebuilds the model from stored records (the interchange JSON of a stored form, exports, the checks across forms
    /// and the re-check): each number at the precision it was printed with (<see cref="FormRecord.PrintedScales"/>),
    /// each fund row with its source line (<see cref="FormRecord.FundSourceLines"/>).
    /// </summary>
    public static PerformanceForm ToForm(FormRecord r, IEnumerable<IndicatorRecord> indicators, FormGoalsRecord? goals)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(indicators);
        var scales = r.PrintedScales;
        decimal? P(decimal? value, int position) => PrintedScales.Restore(value, scales, position);
        var form = new PerformanceForm
        {
            Kind = r.Kind,
            Year = r.Year,
            ProjectName = r.ProjectName,
            Department = r.Department,
            ImplementingUnit = r.ImplementingUnit,
            Category = r.Category,
            PlannedStart = r.PlannedStart,
            PlannedEnd = r.PlannedEnd,
            MoneyUnit = r.MoneyUnit,
            TotalWeight = P(r.TotalWeight, PrintedScales.Total(score: false)),
            TotalScore = P(r.TotalScore, PrintedScales.Total(score: true)),
            Grade = r.GradePrinted,
            Provenance = r.SourceFile is null ? null : new Provenance(r.SourceFile, r.SourceFirstLine ?? 0, r.SourceLastLine ?? 0),
            Goals = new Goals { Expected = goals?.Expected, Actual = goals?.Actual, Overall = goals?.Overall, Annual = goals?.Annual, LongTerm = goals?.LongTerm },
            Details = FormDetailsJson.Read(goals?.Details),
        };

        if (r.Kind != FormKind.TargetDeclaration)
        {
            FundLine? Line(int line, decimal? initial, decimal? annual, decimal? executed, decimal? weight, decimal? rate, decimal? score)
            {
                var l = new FundLine
                {
                    InitialBudget = P(initial, PrintedScales.Line(line, 0)), AnnualBudget = P(annual, PrintedScales.Line(line, 1)),
                    Executed = P(executed, PrintedScales.Line(line, 2)), Weight = P(weight, PrintedScales.Line(line, 3)),
                    ExecutionRate = P(rate, PrintedScales.Line(line, 4)), Score = P(score, PrintedScales.Line(line, 5)),
                    SourceLine = PrintedScales.FundLine(r.FundSourceLines, line),
                };
                return l.IsEmpty ? null : l;
            }

            form.SelfEvaluationFunds = new SelfEvaluationFunds
            {
                Total = Line(0, r.TotalInitialBudget, r.TotalAnnualBudget, r.TotalExecuted, r.TotalFundWeight, r.TotalExecutionRate, r.TotalFundScore),
                Appropriation = Line(1, r.AppropriationInitialBudget, r.AppropriationAnnualBudget, r.AppropriationExecuted, r.AppropriationFundWeight, r.AppropriationExecutionRate, r.AppropriationFundScore),
                Carryover = Line(2, r.CarryoverInitialBudget, r.CarryoverAnnualBudget, r.CarryoverExecuted, r.CarryoverFundWeight, r.CarryoverExecutionRate, r.CarryoverFundScore),
                Other = Line(3, r.OtherInitialBudget, r.OtherAnnualBudget, r.OtherExecuted, r.OtherFundWeight, r.OtherExecutionRate, r.OtherFundScore),
            };
        }
        else
        {
            form.DeclarationFunds = new DeclarationFunds
            {
                ProjectTotal = P(r.ProjectTotal, PrintedScales.DeclarationAmount(0)), ProjectFiscal = P(r.ProjectFiscal, PrintedScales.DeclarationAmount(1)),
                ProjectOther = P(r.ProjectOther, PrintedScales.DeclarationAmount(2)), AnnualTotal = P(r.AnnualTotal, PrintedScales.DeclarationAmount(3)),
                AnnualAppropriation = P(r.AnnualAppropriation, PrintedScales.DeclarationAmount(4)),
                AnnualCarryover = P(r.AnnualCarryover, PrintedScales.DeclarationAmount(5)), AnnualOther = P(r.AnnualOther, PrintedScales.DeclarationAmount(6)),
            };
        }

        foreach (var i in indicators.OrderBy(i => i.Position))
        {
            form.Indicators.Add(new Indicator
            {
                Level1 = i.Level1, Level2 = i.Level2, Name = i.Name, Target = i.Target, Actual = i.Actual,
                Weight = P(i.Weight, PrintedScales.Indicator(i.Position, score: false)), Score = P(i.Score, PrintedScales.Indicator(i.Position, score: true)),
                Deviation = i.Deviation, SourceLine = i.SourceLine, Operator = i.Operator, Unit = i.Unit, Explanation = i.Explanation,
            });
        }

        return form;
    }

    /// <summary>The 0-based indicator index of a field path like <c>indicators[3].score</c>, else null.</summary>
    public static int? IndicatorIndexOf(string? field)
    {
        const string prefix = "indicators[";
        if (field is null || !field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var close = field.IndexOf(']', prefix.Length);
        return close > prefix.Length
            && int.TryParse(field.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }

    /// <summary>
    /// SHA-256 over a canonical rendering of every field the interchange format has, except provenance: each string
    /// length-prefixed, each number without trailing zeros, absent values marked. Equal forms from different files
    /// share it.
    /// </summary>
    private string Hash(PerformanceForm form)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(h, form.Kind.ToJsonLabel());
        Add(h, form.Year);
        Add(h, form.ProjectName);
        Add(h, form.Department);
        Add(h, form.ImplementingUnit);
        Add(h, form.Category);
        Add(h, form.PlannedStart?.DayNumber);
        Add(h, form.PlannedEnd?.DayNumber);
        Add(h, form.MoneyUnit.Label());
        foreach (var line in new[] { form.SelfEvaluationFunds?.Total, form.SelfEvaluationFunds?.Appropriation, form.SelfEvaluationFunds?.Carryover, form.SelfEvaluationFunds?.Other })
        {
            Add(h, line?.InitialBudget, line?.AnnualBudget, line?.Executed, line?.Weight, line?.ExecutionRate, line?.Score);
        }

        var d = form.DeclarationFunds;
        Add(h, d?.ProjectTotal, d?.ProjectFiscal, d?.ProjectOther, d?.AnnualTotal, d?.AnnualAppropriation, d?.AnnualCarryover);
        Add(h, d?.AnnualOther);
        Add(h, form.Goals.Expected);
        Add(h, form.Goals.Actual);
        Add(h, form.Goals.Overall);
        Add(h, form.Goals.Annual);
        Add(h, form.Indicators.Count);
        foreach (var i in form.Indicators)
        {
            Add(h, i.Level1);
            Add(h, i.Level2);
            Add(h, i.Name);
            Add(h, i.Target);
            Add(h, i.Actual);
            Add(h, i.Weight, i.Score);
            Add(h, i.Deviation);
            if (i.Operator is not null || i.Unit is not null || i.Explanation is not null)
            {
                // Only forms of other layouts have these: the hashes of Shanghai forms stay as they were.
                Add(h, i.Operator);
                Add(h, i.Unit);
                Add(h, i.Explanation);
            }
        }

        Add(h, form.TotalWeight, form.TotalScore);
        Add(h, form.Grade);
        if (form.Goals.LongTerm is not null || form.Details.HasPrintedFields)
        {
            Add(h, form.Goals.LongTerm);
            Add(h, FormDetailsJson.Write(form.Details, withSource: false));
        }
        Span<byte> hash = stackalloc byte[32];
        h.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash);
    }

    private void Add(IncrementalHash h, string? text)
    {
        if (text is null)
        {
            h.AppendData([0xFF, 0xFF, 0xFF, 0xFF]);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (hashBuffer.Length < max + 4)
        {
            hashBuffer = new byte[Math.Max(max + 4, hashBuffer.Length * 2)];
        }

        var n = Encoding.UTF8.GetBytes(text, hashBuffer.AsSpan(4));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(hashBuffer, n);
        h.AppendData(hashBuffer, 0, n + 4);
    }

    private static void Add(IncrementalHash h, int? value)
    {
        Span<byte> b = stackalloc byte[5];
        b[0] = value is null ? (byte)0 : (byte)1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(b[1..], value ?? 0);
        h.AppendData(b);
    }

    private static void Add(IncrementalHash h, params ReadOnlySpan<decimal?> values)
    {
        Span<byte> b = stackalloc byte[17];
        Span<int> bits = stackalloc int[4];
        foreach (var v in values)
        {
            b.Clear();
            if (v is { } x)
            {
                b[0] = 1;
                decimal.GetBits(Decimals.Shortest(x), bits);
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(bits).CopyTo(b[1..]);
            }

            h.AppendData(b);
        }
    }

    private static void SetLine(FundLine? line, Action<(decimal?, decimal?, decimal?, decimal?, decimal?, decimal?)> set)
    {
        if (line is null)
        {
            return;
        }

        set((Money(line.InitialBudget), Money(line.AnnualBudget), Money(line.Executed), Score(line.Weight), Rate(line.ExecutionRate), Score(line.Score)));
    }

    internal static decimal? Money(decimal? v) => Fit(v, MoneyLimit, MoneyScale);

    internal static decimal? Rate(decimal? v) => Fit(v, RateLimit, FineScale);

    internal static decimal? Score(decimal? v) => Fit(v, ScoreLimit, FineScale);

    private static decimal? Fit(decimal? v, decimal limit, int scale)
    {
        if (v is not { } x)
        {
            return null;
        }

        var rounded = Math.Round(x, scale, MidpointRounding.AwayFromZero);
        return Math.Abs(rounded) < limit ? rounded : null;
    }

    private static string? Cut(string? s, int max = NameLength) => s is null || s.Length <= max ? s : s[..max];

    private static decimal Pow10(int n)
    {
        var v = 1m;
        for (var i = 0; i < n; i++)
        {
            v *= 10m;
        }

        return v;
    }
}
