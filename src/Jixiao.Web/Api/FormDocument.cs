using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Jixiao.Core.Forms;
using Jixiao.Core.Scoring;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Json;

namespace Jixiao.Web.Api;

/// <summary>
/// One stored form as <c>GET /api/v1/forms/{id}</c> returns it: a <c>jixiao.form/1</c> object (written by
/// <see cref="FormJsonWriter.WriteForm"/>, so every interchange member is exactly as <c>jixiao extract</c> writes it)
/// with <c>id</c> first and three members after <c>provenance</c>: <c>recomputed</c> (what the rules give),
/// <c>findings</c> (the checks' findings) and <c>importBatchId</c>. Readers of the interchange format ignore the
/// extra members, so the response reads back with <see cref="FormJsonReader"/>.
/// </summary>
public static class FormDocument
{
    private static readonly byte[] IdPrefix = "{\"id\":"u8.ToArray();

    /// <summary>The UTF-8 JSON of <paramref name="detail"/>.</summary>
    public static byte[] Serialize(FormDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var form = detail.ToPerformanceForm();

        var body = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(body, ApiJson.WriterOptions))
        {
            FormJsonWriter.WriteForm(w, form);
        }

        var tail = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(tail, ApiJson.WriterOptions))
        {
            w.WriteStartObject();
            WriteExtensions(w, detail);
            w.WriteEndObject();
        }

        // {"id":N,  +  the form's members (without its braces)  +  ,  +  the extension members and the closing brace
        Span<byte> id = stackalloc byte[20];
        Utf8Formatter.TryFormat(detail.Form.Id, id, out var idLength);
        var members = body.WrittenSpan[1..^1];
        var extensions = tail.WrittenSpan[1..];
        var result = new byte[IdPrefix.Length + idLength + 1 + members.Length + 1 + extensions.Length];
        var span = result.AsSpan();
        IdPrefix.CopyTo(span);
        span = span[IdPrefix.Length..];
        id[..idLength].CopyTo(span);
        span[idLength] = (byte)',';
        span = span[(idLength + 1)..];
        members.CopyTo(span);
        span[members.Length] = (byte)',';
        extensions.CopyTo(span[(members.Length + 1)..]);
        return result;
    }

    /// <summary>The members after the interchange ones: <c>recomputed</c>, <c>findings</c>, <c>importBatchId</c>.</summary>
    public static void WriteExtensions(Utf8JsonWriter w, FormDetail detail)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(detail);
        var f = detail.Form;
        var self = f.Kind != FormKind.TargetDeclaration;

        w.WriteStartObject("recomputed");
        Number(w, "total", f.RecomputedTotal);
        Number(w, "min", f.RecomputedMin);
        Number(w, "max", f.RecomputedMax);
        Text(w, "grade", ApiJson.GradeName(f.RecomputedGrade));
        Text(w, "claimedGrade", ApiJson.GradeName(f.Grade));
        Number(w, "executionRate", f.ExecutionRateRecomputed);
        Number(w, "executionScore", f.ExecutionScoreRecomputed);
        w.WriteNumber("notAssessable", self ? f.CannotAssessCount : 0);
        w.WriteStartArray("indicators");
        foreach (var i in detail.Indicators)
        {
            w.WriteStartObject();
            Number(w, "score", i.RecomputedScore);
            Text(w, "outcome", i.Outcome is { } o ? OutcomeName(o) : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("findings");
        foreach (var x in detail.Findings)
        {
            w.WriteStartObject();
            w.WriteString("code", x.Code);
            w.WriteString("severity", ApiJson.SeverityName(x.Severity));
            w.WriteString("category", ApiJson.CategoryName(x.Category));
            w.WriteString("field", x.Field);
            if (x.IndicatorIndex is { } index)
            {
                w.WriteNumber("indicator", index);
            }
            else
            {
                w.WriteNull("indicator");
            }

            w.WriteString("message", x.MessageZh);
            w.WriteString("messageEn", x.MessageEn);
            if (x.RelatedFormId is { } related)
            {
                // a check across forms: the other form of the pair
                w.WriteNumber("relatedForm", related);
            }

            if (x.SourceLine > 0)
            {
                w.WriteNumber("line", x.SourceLine);
            }
            else
            {
                w.WriteNull("line");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("importBatchId", f.ImportBatchId);
    }

    public static string OutcomeName(IndicatorOutcome outcome) => outcome switch
    {
        IndicatorOutcome.Met => "met",
        IndicatorOutcome.NotMet => "notMet",
        IndicatorOutcome.Qualitative => "qualitative",
        IndicatorOutcome.CannotAssess => "cannotAssess",
        _ => JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString()),
    };

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, FormJsonWriter.Shortest(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
