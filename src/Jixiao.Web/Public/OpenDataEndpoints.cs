using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jixiao.Data.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Web.Exports;
using Jixiao.Web.Shared;

namespace Jixiao.Web.Public;

/// <summary>
/// The open-data downloads of the published forms (公开数据), for anyone, no sign-in: <c>GET /public/forms/export</c>
/// with the list's filters and <c>format=csv</c> (<c>forms.csv</c>, or <c>indicators.csv</c> with
/// <c>table=indicators</c>), <c>format=json</c> (<c>forms.json</c>) or <c>format=sha256</c> (the SHA-256 checksums of
/// the three files for the same filters, as <c>sha256sum</c> prints them). Each file carries its checksum in the
/// <c>X-Checksum-SHA256</c> header. The bytes depend only on the published forms and the filters (headings are keys,
/// not words of the request's language; rows in id order), so a URL gives the same file and checksum until a form is
/// published or taken off. The paths end in <c>/export</c>, so the export limits apply (per client address here).
/// The data dictionary: <c>GET /public/data/dictionary.json</c>.
/// </summary>
public static class OpenDataEndpoints
{
    public const string ChecksumHeader = "X-Checksum-SHA256";

    public const string FormsCsv = "forms.csv";

    public const string IndicatorsCsv = "indicators.csv";

    public const string FormsJson = "forms.json";

    /// <summary>The <c>schema</c> member of <c>forms.json</c>.</summary>
    public const string SchemaId = "jixiao.public-forms/1";

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/public/forms/export", ExportAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/public/data/dictionary.json", () => Results.Json(Dictionary(), contentType: JsonExport.ContentType)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The files of the open data, each with what one row is and its columns: the dictionary's page and JSON both read it.</summary>
    public static IReadOnlyList<OpenDataFile> Files { get; } =
    [
        new(FormsCsv, "每张公开表单一行", "One row per published form", [.. OpenDataColumns.Forms.Select(c => c.Entry)]),
        new(IndicatorsCsv, "每个绩效指标一行", "One row per indicator", [.. OpenDataColumns.Indicators.Select(c => c.Entry)]),
        new(FormsJson, "对象 {schema, forms}，forms 中每张公开表单一个对象", "An object {schema, forms}, one object per published form", OpenDataColumns.JsonMembers),
    ];

    /// <summary>The machine-readable data dictionary: every column of each file with its type, unit and meaning.</summary>
    public static object Dictionary() => new
    {
        schema = "jixiao.public-dictionary/1",
        files = Files.Select(f => new { name = f.Name, description = new { zh = f.Zh, en = f.En }, columns = f.Columns }),
    };

    private static async Task<IResult> ExportAsync(HttpContext http, PublishedForms published)
    {
        var filter = PublicFilter.From(http.Request.Query);
        if (filter.Error is { } error)
        {
            return Results.Problem(title: Ui.T("筛选条件有误", "Invalid filter"), detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        var format = http.Request.Query["format"].ToString();
        var table = http.Request.Query["table"].ToString();
        var file = (format, table) switch
        {
            ("csv", "" or "forms") => FormsCsv,
            ("csv", "indicators") => IndicatorsCsv,
            ("json", "") => FormsJson,
            ("sha256", "") => "SHA256SUMS",
            _ => null,
        };
        if (file is null)
        {
            return Results.Problem(title: Ui.T("下载格式有误", "Invalid format"),
                detail: Ui.T("format 须为 csv（可加 table=indicators）、json 或 sha256。", "format must be csv (optionally with table=indicators), json or sha256."),
                statusCode: StatusCodes.Status400BadRequest);
        }

        var cancellationToken = http.RequestAborted;
        var forms = new List<PublicForm>();
        await foreach (var form in published.StreamAsync(filter.Query, cancellationToken))
        {
            forms.Add(form);
        }

        byte[] bytes;
        string contentType;
        if (file == "SHA256SUMS")
        {
            var sums = new StringBuilder();
            foreach (var name in new[] { FormsCsv, IndicatorsCsv, FormsJson })
            {
                sums.Append(Hex(await WriteAsync(name, forms, cancellationToken))).Append("  ").Append(name).Append('\n');
            }

            bytes = Encoding.UTF8.GetBytes(sums.ToString());
            contentType = "text/plain; charset=utf-8";
        }
        else
        {
            bytes = await WriteAsync(file, forms, cancellationToken);
            contentType = file == FormsJson ? JsonExport.ContentType : CsvExport.ContentType;
        }

        http.Response.Headers[ChecksumHeader] = Hex(bytes);
        http.Response.Headers.CacheControl = "no-cache";
        return Results.File(bytes, contentType, file);
    }

    /// <summary>The bytes of one file of the open data for <paramref name="forms"/>.</summary>
    public static async Task<byte[]> WriteAsync(string file, IReadOnlyList<PublicForm> forms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forms);
        using var buffer = new MemoryStream();
        switch (file)
        {
            case FormsCsv:
                await CsvExport.WriteAsync(buffer, forms.ToAsyncEnumerable(), [.. OpenDataColumns.Forms.Select(c => c.ForCsv())], null, cancellationToken);
                break;
            case IndicatorsCsv:
                var indicators = forms.SelectMany(f => f.Detail.Indicators.Select(i => new PublicIndicator(f, i)));
                await CsvExport.WriteAsync(buffer, indicators.ToAsyncEnumerable(), [.. OpenDataColumns.Indicators.Select(c => c.ForCsv())], null, cancellationToken);
                break;
            default:
                WriteJson(buffer, forms);
                break;
        }

        return buffer.ToArray();
    }

    private static void WriteJson(Stream output, IReadOnlyList<PublicForm> forms)
    {
        using var writer = new Utf8JsonWriter(output, FormJsonWriter.CreateOptions(indented: false));
        writer.WriteStartObject();
        writer.WriteString("schema", SchemaId);
        writer.WriteStartArray("forms");
        foreach (var f in forms)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", f.Detail.Form.Id);
            writer.WriteString("url", PublicLinks.Form(f.Detail.Form.Id));
            writer.WriteString("region", f.Region);
            writer.WriteString("publishedAt", OpenDataColumns.Instant(f.PublishedAt));
            writer.WritePropertyName("form");
            FormJsonWriter.WriteForm(writer, f.Detail.ToPerformanceForm(), plannedWeights: true); // as indicators.csv
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A SHA-256 as lower-case hexadecimal.</summary>
    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>One file of the open data: its name, what one row is (Chinese, English), and its columns.</summary>
public sealed record OpenDataFile(string Name, string Zh, string En, IReadOnlyList<DictionaryEntry> Columns);

/// <summary>The addresses of the public pages.</summary>
public static class PublicLinks
{
    public static string Form(long id) => "/public/forms/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
