using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;

namespace Jixiao.App.Filings;

/// <summary>
/// A filing's content (填报内容): one form in the interchange format <c>jixiao.form/1</c>, read with
/// <see cref="FormJsonReader"/> and stored as <see cref="FormJsonWriter"/> writes it, so two saves of the same form
/// store the same text and a comparison of versions shows only what changed. Storage keeps the text (Jixiao.Data reads
/// no file format); this class turns it into a <see cref="PerformanceForm"/> and back. One addition to the format: a
/// declaration's indicators keep their planned weights (权重) — the published declaration table has no weight column,
/// so <see cref="FormJsonWriter"/> writes them as null — because the self-evaluation started from it carries them over.
/// </summary>
public static class FilingContent
{
    /// <summary>The longest content stored (characters of JSON): far above a 40-indicator form (about 20 KB).</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>The longest project name, unit or department (the forms' columns).</summary>
    public const int NameLength = 500;

    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Reads <paramref name="json"/> as the content of a filing of <paramref name="kind"/> belonging to
    /// <paramref name="department"/>: exactly one form, readable without errors, of that kind, with a year and a
    /// project name. The form's 主管部门 becomes the filing's whatever the content says (the filing belongs to its
    /// department), and what only a read file has (provenance, the reader's notes) is dropped. Null with the problem
    /// and its words when the content is not acceptable.
    /// </summary>
    public static PerformanceForm? Read(string? json, FormKind kind, string department, out FilingProblem problem, out LocalText? message)
    {
        problem = FilingProblem.ContentInvalid;
        message = FilingMessages.ContentInvalid.Format();
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        if (json.Length > MaxLength)
        {
            problem = FilingProblem.TooLong;
            message = FilingMessages.TooLong.Format(new LocalText("FILING-CONTENT-NAME", "表的内容", "The content"), MaxLength);
            return null;
        }

        Diagnostic? error = null;
        var forms = FormJsonReader.ReadString(json, "content", d => error ??= d.Severity == DiagnosticSeverity.Error ? d : null).Take(2).ToList();
        error ??= forms.SelectMany(f => f.Diagnostics).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is not null)
        {
            message = FilingMessages.ContentError.Format(new LocalText(error.Code ?? "", error.MessageZh ?? error.Message, error.Message));
            return null;
        }

        if (forms.Count != 1)
        {
            return null;
        }

        var form = forms[0];
        if (form.Kind != kind)
        {
            problem = FilingProblem.KindMismatch;
            message = FilingMessages.KindMismatch.Format(form.Kind.ToJsonLabel(), kind.ToJsonLabel());
            return null;
        }

        if (Check(form.Year, form.ProjectName, form.ImplementingUnit) is { } bad)
        {
            (problem, message) = bad;
            return null;
        }

        form.Department = department;
        form.Provenance = null;
        form.Diagnostics.Clear();
        problem = FilingProblem.None;
        message = null;
        return form;
    }

    /// <summary>The problem with a filing's year, project name or unit, or null when they are acceptable.</summary>
    public static (FilingProblem, LocalText)? Check(int? year, string? projectName, string? implementingUnit)
    {
        if (year is not (>= 2000 and <= 2100))
        {
            return (FilingProblem.YearRequired, FilingMessages.YearRequired.Format());
        }

        if (string.IsNullOrWhiteSpace(projectName))
        {
            return (FilingProblem.ProjectRequired, FilingMessages.ProjectRequired.Format());
        }

        foreach (var (value, zh, en) in new[] { (projectName, "项目名称", "The project name"), (implementingUnit, "实施单位", "The implementing unit") })
        {
            if (value?.Length > NameLength)
            {
                return (FilingProblem.TooLong, FilingMessages.TooLong.Format(new LocalText("FILING-NAME", zh, en), NameLength));
            }
        }

        return null;
    }

    /// <summary>The content of <paramref name="form"/> as stored: the writer's JSON, with a declaration's planned weights.</summary>
    public static string Write(PerformanceForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var json = FormJsonWriter.ToJson(form);
        if (form.Kind != FormKind.TargetDeclaration || form.Indicators.All(i => i.Weight is null))
        {
            return json;
        }

        var node = JsonNode.Parse(json)!;
        var indicators = node["indicators"]!.AsArray();
        for (var i = 0; i < indicators.Count && i < form.Indicators.Count; i++)
        {
            if (form.Indicators[i].Weight is { } weight)
            {
                indicators[i]!["weight"] = JsonValue.Create(weight);
            }
        }

        return node.ToJsonString(Output);
    }

    /// <summary>The stored content of a filing read back (it was written by <see cref="Write"/>, so it reads).</summary>
    public static PerformanceForm Parse(string json) =>
        FormJsonReader.ReadString(json, "content", null).FirstOrDefault() ?? new PerformanceForm();

    /// <summary>A new, empty form of <paramref name="kind"/> with its heading filled in.</summary>
    public static PerformanceForm Empty(FormKind kind, int year, string projectName, string department, string? implementingUnit) => new()
    {
        Kind = kind,
        Year = year,
        ProjectName = projectName.Trim(),
        Department = department,
        ImplementingUnit = string.IsNullOrWhiteSpace(implementingUnit) ? null : implementingUnit.Trim(),
        DeclarationFunds = kind == FormKind.TargetDeclaration ? new DeclarationFunds() : null,
        SelfEvaluationFunds = kind == FormKind.TargetDeclaration ? null : new SelfEvaluationFunds(),
    };

    /// <summary>
    /// The self-evaluation started from an approved <paramref name="declaration"/> of the same project (自评从申报表开始):
    /// its heading, its indicators with their targets and planned weights (the actual values, scores and deviations
    /// left for the unit to enter), the year's goal as the expected goal, and the year's requested funds as the budget.
    /// </summary>
    public static PerformanceForm SelfEvaluationFrom(PerformanceForm declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var funds = declaration.DeclarationFunds;
        static FundLine? Line(decimal? budget) => budget is null ? null : new FundLine { InitialBudget = budget, AnnualBudget = budget };
        return new PerformanceForm
        {
            Kind = FormKind.SelfEvaluation,
            Year = declaration.Year,
            ProjectName = declaration.ProjectName,
            Department = declaration.Department,
            ImplementingUnit = declaration.ImplementingUnit,
            MoneyUnit = declaration.MoneyUnit,
            Goals = new Goals { Expected = declaration.Goals.Annual ?? declaration.Goals.Overall },
            SelfEvaluationFunds = new SelfEvaluationFunds
            {
                Total = Line(funds?.AnnualTotal) ?? new FundLine(),
                Appropriation = Line(funds?.AnnualAppropriation),
                Carryover = Line(funds?.AnnualCarryover),
                Other = Line(funds?.AnnualOther),
            },
            Indicators = [.. declaration.Indicators.Select(i => new Indicator
            {
                Level1 = i.Level1, Level2 = i.Level2, Name = i.Name, Target = i.Target, Weight = i.Weight,
                Operator = i.Operator, Unit = i.Unit, Explanation = i.Explanation, SourceLine = 0,
            })],
        };
    }

    /// <summary>
    /// The values that differ between two contents (<paramref name="before"/>, <paramref name="after"/>), each by its
    /// path in the interchange format (<c>indicators[3].target</c>, <c>funds.total.executed</c>), in the order of the
    /// paths: what someone else changed since the version a caller had. An indicator added or removed shows as its
    /// values appearing or disappearing.
    /// </summary>
    public static IReadOnlyList<FieldChange> Compare(string? before, string? after)
    {
        var a = Flatten(before);
        var b = Flatten(after);
        var changes = new List<FieldChange>();
        foreach (var path in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var x = a.GetValueOrDefault(path);
            var y = b.GetValueOrDefault(path);
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(path, x, y));
            }
        }

        return changes;
    }

    /// <summary>Every scalar of a JSON object by its path; nulls and empty strings left out (absent and empty are the same).</summary>
    private static Dictionary<string, string> Flatten(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        void Walk(JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name);
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                        i++;
                    }

                    break;
                case JsonValueKind.String:
                    if (e.GetString() is { Length: > 0 } s)
                    {
                        values[path] = s;
                    }

                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                default:
                    values[path] = e.GetRawText();
                    break;
            }
        }

        Walk(document.RootElement, "");
        return values;
    }
}
