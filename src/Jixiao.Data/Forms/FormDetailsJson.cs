using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.Core.Forms;

namespace Jixiao.Data.Forms;

/// <summary>
/// Stores <see cref="FormDetails"/> (what other layouts print: 项目编码, 政策依据, 评价结论, extra …) as one JSON text
/// beside a form's goals, so a new optional field needs no new column. Null when the form has none.
/// </summary>
public static class FormDetailsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The details as JSON; null when empty. <paramref name="withSource"/> false leaves out where the form was read from (for content hashes).</summary>
    public static string? Write(FormDetails? details, bool withSource = true)
    {
        if (details is null || details.IsEmpty)
        {
            return null;
        }

        var stored = new Stored
        {
            Region = details.Region,
            ProjectCode = details.ProjectCode,
            ProjectType = details.ProjectType,
            ImplementationPeriod = details.ImplementationPeriod,
            NewProject = details.NewProject,
            AllocationMethod = details.AllocationMethod,
            PolicyBasis = details.PolicyBasis,
            CalculationBasis = details.CalculationBasis,
            ConclusionSummary = details.ConclusionSummary,
            ConclusionProblems = details.ConclusionProblems,
            ConclusionMeasures = details.ConclusionMeasures,
            Extra = details.Extra.Count == 0 ? null : [.. details.Extra.Select(p => new[] { p.Key, p.Value })],
            SourceFormat = withSource ? details.SourceFormat : null,
            SourceSheet = withSource ? details.SourceSheet : null,
            SourcePage = withSource ? details.SourcePage : null,
        };
        return JsonSerializer.Serialize(stored, Options);
    }

    /// <summary>The details stored by <see cref="Write"/>; empty details for null or unreadable text.</summary>
    public static FormDetails Read(string? json)
    {
        var details = new FormDetails();
        if (string.IsNullOrEmpty(json))
        {
            return details;
        }

        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(json, Options);
        }
        catch (JsonException)
        {
            return details;
        }

        if (stored is null)
        {
            return details;
        }

        details.Region = stored.Region;
        details.ProjectCode = stored.ProjectCode;
        details.ProjectType = stored.ProjectType;
        details.ImplementationPeriod = stored.ImplementationPeriod;
        details.NewProject = stored.NewProject;
        details.AllocationMethod = stored.AllocationMethod;
        details.PolicyBasis = stored.PolicyBasis;
        details.CalculationBasis = stored.CalculationBasis;
        details.ConclusionSummary = stored.ConclusionSummary;
        details.ConclusionProblems = stored.ConclusionProblems;
        details.ConclusionMeasures = stored.ConclusionMeasures;
        foreach (var pair in stored.Extra ?? [])
        {
            if (pair is [{ } label, { } value])
            {
                details.Extra[label] = value;
            }
        }

        details.SourceFormat = stored.SourceFormat;
        details.SourceSheet = stored.SourceSheet;
        details.SourcePage = stored.SourcePage;
        return details;
    }

    /// <summary>The stored shape; extra as pairs to keep the printed order.</summary>
    private sealed class Stored
    {
        public string? Region { get; set; }

        public string? ProjectCode { get; set; }

        public string? ProjectType { get; set; }

        public string? ImplementationPeriod { get; set; }

        public bool? NewProject { get; set; }

        public string? AllocationMethod { get; set; }

        public string? PolicyBasis { get; set; }

        public string? CalculationBasis { get; set; }

        public string? ConclusionSummary { get; set; }

        public string? ConclusionProblems { get; set; }

        public string? ConclusionMeasures { get; set; }

        public string?[][]? Extra { get; set; }

        public string? SourceFormat { get; set; }

        public string? SourceSheet { get; set; }

        public int? SourcePage { get; set; }
    }
}
