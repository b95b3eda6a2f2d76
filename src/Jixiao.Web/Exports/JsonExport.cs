using System.Text.Json;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Web.Api;

namespace Jixiao.Web.Exports;

/// <summary>
/// Forms in the interchange format <c>jixiao.form/1</c> (docs/schema.md), exactly as <c>jixiao extract</c> writes
/// them (<see cref="FormJsonWriter.WriteForm"/>): a list as one JSON array streamed form by form (flushed to the
/// response every 32 KiB, asynchronously), one form as an indented object. The files read back with
/// <c>FormJsonReader</c> and import again with <c>jixiao import</c> or <c>POST /api/v1/imports</c>. With totals the
/// list is an object instead, <c>{"schema": "jixiao.form-list/1", "totals": {…}, "forms": [ … ]}</c>
/// (<see cref="TotalsItem"/>), which is for reading: its <c>schema</c> makes an import refuse it with a clear message
/// instead of taking it for a form (its <c>forms</c> array imports as before).
/// </summary>
public static class JsonExport
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The <c>schema</c> of a list exported with its totals (not a form: an import skips it with an error).</summary>
    public const string ListSchemaId = "jixiao.form-list/1";

    private const int FlushThreshold = 32 * 1024;

    public static Task<long> WriteAsync(Stream output, IAsyncEnumerable<FormDetail> forms, CancellationToken cancellationToken) =>
        WriteAsync(output, forms, null, cancellationToken);

    /// <summary>The forms as an array, or with <paramref name="totals"/> as <c>{"totals", "forms"}</c>; returns the forms written.</summary>
    public static async Task<long> WriteAsync(Stream output, IAsyncEnumerable<FormDetail> forms, FormTotals? totals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forms);
        await using var writer = new Utf8JsonWriter(output, FormJsonWriter.CreateOptions(indented: false));
        if (totals is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("schema", ListSchemaId);
            writer.WritePropertyName("totals");
            // as bytes: serialising into the writer would flush it to the response synchronously
            writer.WriteRawValue(JsonSerializer.SerializeToUtf8Bytes(TotalsItem.From(totals), ApiJson.Context.TotalsItem), skipInputValidation: true);
            writer.WritePropertyName("forms");
        }

        writer.WriteStartArray();
        long count = 0;
        await foreach (var form in forms.WithCancellation(cancellationToken))
        {
            FormJsonWriter.WriteForm(writer, form.ToPerformanceForm());
            count++;
            if (writer.BytesPending >= FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        if (totals is not null)
        {
            writer.WriteEndObject();
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>One form as an indented interchange object.</summary>
    public static byte[] One(FormDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, FormJsonWriter.CreateOptions(indented: true)))
        {
            FormJsonWriter.WriteForm(writer, detail.ToPerformanceForm());
        }

        return buffer.ToArray();
    }
}
