using System.Text.Encodings.Web;
using System.Text.Json;
using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Json;

/// <summary>
/// Writes forms in the interchange format <c>jixiao.form/1</c> (docs/schema.md) with <see cref="Utf8JsonWriter"/>.
/// An instance streams one JSON array to a <see cref="Stream"/>: <see cref="Write"/> each form, then
/// <see cref="Complete"/>. The bytes of a form are flushed to the stream as soon as they pass a small threshold,
/// so memory stays flat however many forms are written.
/// </summary>
/// <remarks>
/// Decisions (docs/schema.md): amounts are yuan in their shortest exact form (<c>3221300</c>, <c>12814895.16</c>);
/// scores, weights and rates keep the precision they were printed with (<c>17.00</c>, <c>4.9</c>, <c>10</c>), which
/// the checks read as the printed rounding; dates ISO <c>yyyy-MM-dd</c>; Chinese text is not escaped; members the
/// form kind lacks are written as <c>null</c>; <c>provenance</c> is an extension member.
/// </remarks>
public sealed class FormJsonWriter : IDisposable
{
    /// <summary>The value of the <c>schema</c> member.</summary>
    public const string SchemaId = "jixiao.form/1";

    private const int FlushThreshold = 32 * 1024;

    private readonly Utf8JsonWriter _writer;
    private bool _started;
    private bool _completed;

    /// <summary>Creates a writer of one JSON array of forms to <paramref name="stream"/> (left open).</summary>
    public FormJsonWriter(Stream stream, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _writer = new Utf8JsonWriter(stream, CreateOptions(indented));
    }

    /// <summary>Number of forms written so far.</summary>
    public long Count { get; private set; }

    /// <summary>The writer options used for every jixiao.form/1 output: Chinese text is kept readable.</summary>
    public static JsonWriterOptions CreateOptions(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Appends one form to the array (opening the array on the first call).</summary>
    public void Write(PerformanceForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        ObjectDisposedException.ThrowIf(_completed, this);
        if (!_started)
        {
            _writer.WriteStartArray();
            _started = true;
        }

        WriteForm(_writer, form);
        Count++;
        if (_writer.BytesPending >= FlushThreshold)
        {
            _writer.Flush();
        }
    }

    /// <summary>Closes the array (an empty array when nothing was written) and flushes.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        if (!_started)
        {
            _writer.WriteStartArray();
            _started = true;
        }

        _writer.WriteEndArray();
        _writer.Flush();
        _completed = true;
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Writes <paramref name="forms"/> as one JSON array to <paramref name="stream"/>, streaming.</summary>
    /// <returns>The number of forms written.</returns>
    public static long WriteArray(Stream stream, IEnumerable<PerformanceForm> forms, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(forms);
        using var writer = new FormJsonWriter(stream, indented);
        foreach (var form in forms)
        {
            writer.Write(form);
        }

        writer.Complete();
        return writer.Count;
    }

    /// <summary>One form as a JSON object string.</summary>
    public static string ToJson(PerformanceForm form, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CreateOptions(indented)))
        {
            WriteForm(writer, form);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Writes one form as a jixiao.form/1 object to any <see cref="Utf8JsonWriter"/>. With
    /// <paramref name="plannedWeights"/>, a declaration's indicators keep their planned weights (计划分值, which a
    /// declaration filled in Jixiao has and the published table does not print); otherwise they are null.
    /// </summary>
    public static void WriteForm(Utf8JsonWriter writer, PerformanceForm form, bool plannedWeights = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(form);
        var declaration = form.Kind == FormKind.TargetDeclaration;

        writer.WriteStartObject();
        writer.WriteString(JsonNames.Schema, SchemaId);
        writer.WriteString(JsonNames.Kind, form.Kind.ToJsonLabel());
        WriteNumber(writer, JsonNames.Year, form.Year);
        WriteText(writer, JsonNames.ProjectName, form.ProjectName);
        WriteText(writer, JsonNames.Department, form.Department);
        WriteText(writer, JsonNames.ImplementingUnit, form.ImplementingUnit);
        WriteText(writer, JsonNames.Category, declaration ? form.Category : null);
        WriteDate(writer, JsonNames.PlannedStart, declaration ? form.PlannedStart : null);
        WriteDate(writer, JsonNames.PlannedEnd, declaration ? form.PlannedEnd : null);
        writer.WriteString(JsonNames.MoneyUnit, form.MoneyUnit.Label());

        writer.WritePropertyName(JsonNames.Funds);
        if (declaration)
        {
            WriteDeclarationFunds(writer, form.DeclarationFunds);
        }
        else
        {
            WriteSelfEvaluationFunds(writer, form.SelfEvaluationFunds);
        }

        writer.WritePropertyName(JsonNames.Goals);
        writer.WriteStartObject();
        if (declaration)
        {
            WriteText(writer, JsonNames.Overall, form.Goals?.Overall);
            WriteText(writer, JsonNames.Annual, form.Goals?.Annual);
        }
        else
        {
            WriteText(writer, JsonNames.Expected, form.Goals?.Expected);
            WriteText(writer, JsonNames.Actual, form.Goals?.Actual);
        }

        if (form.Goals?.LongTerm is { } longTerm)
        {
            writer.WriteString(JsonNames.LongTerm, longTerm);
        }

        writer.WriteEndObject();

        writer.WritePropertyName(JsonNames.Indicators);
        writer.WriteStartArray();
        foreach (var indicator in form.Indicators)
        {
            WriteIndicator(writer, indicator, declaration, plannedWeights);
        }

        writer.WriteEndArray();

        WriteNumber(writer, JsonNames.TotalWeight, declaration ? null : form.TotalWeight);
        WriteNumber(writer, JsonNames.TotalScore, declaration ? null : form.TotalScore);
        WriteText(writer, JsonNames.Grade, declaration ? null : form.Grade);

        WriteDetails(writer, form.Details);

        writer.WritePropertyName(JsonNames.Provenance);
        if (form.Provenance is { } p)
        {
            writer.WriteStartObject();
            writer.WriteString(JsonNames.File, p.File);
            writer.WriteNumber(JsonNames.FirstLine, p.FirstLine);
            writer.WriteNumber(JsonNames.LastLine, p.LastLine);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    private static void WriteIndicator(Utf8JsonWriter writer, Indicator indicator, bool declaration, bool plannedWeights)
    {
        writer.WriteStartObject();
        WriteText(writer, JsonNames.Level1, indicator.Level1);
        WriteText(writer, JsonNames.Level2, indicator.Level2);
        WriteText(writer, JsonNames.Name, indicator.Name);
        WriteText(writer, JsonNames.Target, indicator.Target);
        WriteText(writer, JsonNames.Actual, declaration ? null : indicator.Actual);
        WriteNumber(writer, JsonNames.Weight, declaration && !plannedWeights ? null : indicator.Weight);
        WriteNumber(writer, JsonNames.Score, declaration ? null : indicator.Score);
        WriteText(writer, JsonNames.Deviation, declaration ? null : indicator.Deviation);
        WriteIfSet(writer, JsonNames.Operator, indicator.Operator);
        WriteIfSet(writer, JsonNames.Unit, indicator.Unit);
        WriteIfSet(writer, JsonNames.Explanation, indicator.Explanation);
        writer.WriteEndObject();
    }

    private static void WriteSelfEvaluationFunds(Utf8JsonWriter writer, SelfEvaluationFunds? funds)
    {
        writer.WriteStartObject();
        WriteFundLine(writer, JsonNames.Total, funds?.Total);
        WriteFundLine(writer, JsonNames.Appropriation, funds?.Appropriation);
        WriteFundLine(writer, JsonNames.Carryover, funds?.Carryover);
        WriteFundLine(writer, JsonNames.Other, funds?.Other);
        writer.WriteEndObject();
    }

    private static void WriteFundLine(Utf8JsonWriter writer, string name, FundLine? line)
    {
        writer.WritePropertyName(name);
        if (line is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        WriteAmount(writer, JsonNames.InitialBudget, line.InitialBudget);
        WriteAmount(writer, JsonNames.AnnualBudget, line.AnnualBudget);
        WriteAmount(writer, JsonNames.Executed, line.Executed);
        WriteNumber(writer, JsonNames.Weight, line.Weight);
        WriteNumber(writer, JsonNames.ExecutionRate, line.ExecutionRate);
        WriteNumber(writer, JsonNames.Score, line.Score);
        writer.WriteEndObject();
    }

    private static void WriteDeclarationFunds(Utf8JsonWriter writer, DeclarationFunds? funds)
    {
        writer.WriteStartObject();
        WriteAmount(writer, JsonNames.ProjectTotal, funds?.ProjectTotal);
        WriteAmount(writer, JsonNames.ProjectFiscal, funds?.ProjectFiscal);
        WriteAmount(writer, JsonNames.ProjectOther, funds?.ProjectOther);
        WriteAmount(writer, JsonNames.AnnualTotal, funds?.AnnualTotal);
        WriteAmount(writer, JsonNames.AnnualAppropriation, funds?.AnnualAppropriation);
        WriteAmount(writer, JsonNames.AnnualCarryover, funds?.AnnualCarryover);
        WriteAmount(writer, JsonNames.AnnualOther, funds?.AnnualOther);
        writer.WriteEndObject();
    }

    /// <summary>The optional members of other layouts (form-schema.md), each written only when the form has it.</summary>
    private static void WriteDetails(Utf8JsonWriter writer, FormDetails? details)
    {
        if (details is null || details.IsEmpty)
        {
            return;
        }

        WriteIfSet(writer, JsonNames.Region, details.Region);
        WriteIfSet(writer, JsonNames.ProjectCode, details.ProjectCode);
        WriteIfSet(writer, JsonNames.ProjectType, details.ProjectType);
        WriteIfSet(writer, JsonNames.ImplementationPeriod, details.ImplementationPeriod);
        if (details.NewProject is { } isNew)
        {
            writer.WriteBoolean(JsonNames.NewProject, isNew);
        }

        WriteIfSet(writer, JsonNames.AllocationMethod, details.AllocationMethod);
        WriteGroup(writer, JsonNames.Basis, (JsonNames.Policy, details.PolicyBasis), (JsonNames.Calculation, details.CalculationBasis));
        WriteGroup(writer, JsonNames.Conclusion,
            (JsonNames.Summary, details.ConclusionSummary), (JsonNames.Problems, details.ConclusionProblems), (JsonNames.Measures, details.ConclusionMeasures));
        if (details.Extra.Count > 0)
        {
            writer.WriteStartObject(JsonNames.Extra);
            foreach (var (label, value) in details.Extra)
            {
                writer.WriteString(label, value);
            }

            writer.WriteEndObject();
        }

        if (details.SourceFormat is not null || details.SourceSheet is not null || details.SourcePage is not null)
        {
            writer.WriteStartObject(JsonNames.Source);
            WriteIfSet(writer, JsonNames.Format, details.SourceFormat);
            WriteIfSet(writer, JsonNames.Sheet, details.SourceSheet);
            if (details.SourcePage is { } page)
            {
                writer.WriteNumber(JsonNames.Page, page);
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteGroup(Utf8JsonWriter writer, string name, params (string Name, string? Value)[] members)
    {
        if (members.All(m => m.Value is null))
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (member, value) in members)
        {
            WriteIfSet(writer, member, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteText(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>A score, weight or rate: written with the precision it was printed with (17.00, 4.9, 10).</summary>
    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>An amount in yuan: shortest form (3221300, 12814895.16); its printed precision follows from moneyUnit.</summary>
    private static void WriteAmount(Utf8JsonWriter writer, string name, decimal? value) =>
        WriteNumber(writer, name, value is { } v ? Shortest(v) : null);

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? value)
    {
        if (value is { } d)
        {
            Span<char> buffer = stackalloc char[10];
            d.TryFormat(buffer, out var written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            writer.WriteString(name, buffer[..written]);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>
    /// The same value with its trailing fractional zeros removed (<c>3221300.00</c> → <c>3221300</c>,
    /// <c>17.50</c> → <c>17.5</c>), so that JSON numbers carry no noise from the printed precision or from the
    /// unit conversion.
    /// </summary>
    public static decimal Shortest(decimal value) => Decimals.Shortest(value);
}
