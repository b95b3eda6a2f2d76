using System.Text.Json.Nodes;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;

namespace Jixiao.Ingest.Tests.RoundTrip;

/// <summary>
/// Compares forms field for field by the rule of the interchange format (form-schema.md, "Comparing two forms": texts
/// after NFKC folding without white space, numbers by value), as jixiao.form/1 JSON without where they were read from (provenance, source):
/// a form read back from a PDF, workbook, document or web page must equal the form the text reader gives.
/// </summary>
public static class FormFields
{
    private static readonly string[] WhereFrom = ["provenance", "source"];

    /// <summary>The form as JSON without its provenance: the fields a round trip must keep.</summary>
    public static string Canonical(PerformanceForm form)
    {
        var node = JsonNode.Parse(FormJsonWriter.ToJson(form))!.AsObject();
        foreach (var name in WhereFrom)
        {
            node.Remove(name);
        }

        return node.ToJsonString();
    }

    /// <summary>Asserts that <paramref name="actual"/> holds the same forms as <paramref name="expected"/>, in order, naming the first field that differs.</summary>
    public static void AssertSame(IReadOnlyList<PerformanceForm> expected, IReadOnlyList<PerformanceForm> actual, string what)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            var e = JsonNode.Parse(Canonical(expected[i]))!;
            var a = JsonNode.Parse(Canonical(actual[i]))!;
            if (FirstDifference(e, a, "") is { } path)
            {
                Assert.Fail($"{what}: form {i + 1} ({expected[i].ProjectName}) differs at {path}");
            }
        }

        Assert.True(expected.Count == actual.Count,
            $"{what}: expected {expected.Count} forms, read {actual.Count}" +
            (actual.Count > expected.Count ? $"; the first extra is \"{actual[expected.Count].ProjectName}\"" : ""));
    }

    /// <summary>Every difference between two forms' fields, one line each (path, expected, read).</summary>
    public static List<string> Differences(PerformanceForm expected, PerformanceForm actual)
    {
        var differences = new List<string>();
        Collect(JsonNode.Parse(Canonical(expected)), JsonNode.Parse(Canonical(actual)), "", differences);
        return differences;
    }

    private static void Collect(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    Collect(e[name], a[name], $"{path}.{name}", differences);
                }

                break;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    Collect(i < e.Count ? e[i] : null, i < a.Count ? a[i] : null, $"{path}[{i}]", differences);
                }

                break;
            default:
                if (FirstDifference(expected, actual, path) is { } d)
                {
                    differences.Add(d);
                }

                break;
        }
    }

    /// <summary>The path and both values of the first difference between two JSON values; null when they are equal.</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (FirstDifference(e[name], a[name], $"{path}.{name}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (FirstDifference(i < e.Count ? e[i] : null, i < a.Count ? a[i] : null, $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case (JsonValue e, JsonValue a) when e.TryGetValue<string>(out var et) && a.TryGetValue<string>(out var at):
                // Texts are the same when their keys are (form-schema.md, "Comparing two forms": NFKC, white space removed).
                return TextKey.Of(et) == TextKey.Of(at) ? null : $"{path}: expected \"{et}\", read \"{at}\"";
            case (JsonValue e, JsonValue a) when e.TryGetValue<decimal>(out var ed) && a.TryGetValue<decimal>(out var ad):
                // Numbers are the same when equal in value (form-schema.md, "Comparing two forms"): 10.00 printed, 10 shown.
                return ed == ad ? null : $"{path}: expected {ed}, read {ad}";
            default:
                var es = expected?.ToJsonString();
                var @as = actual?.ToJsonString();
                return es == @as ? null : $"{path}: expected {es ?? "nothing"}, read {@as ?? "nothing"}";
        }
    }
}
