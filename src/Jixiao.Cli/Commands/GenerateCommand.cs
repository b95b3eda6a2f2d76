using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Jixiao.Cli.Infrastructure;
using Jixiao.Core.Forms;
using Jixiao.Ingest.Json;
using Jixiao.Ingest.Synthetic;

namespace Jixiao.Cli.Commands;

/// <summary>
/// <c>jixiao generate --forms N --seed S [--size 100MB] [--out F] [--error-rate R] [--kind K] [--manifest F] [--truth F]</c>:
/// synthetic forms in the corpus text layout, deterministic per seed, with deliberate mistakes at a known rate.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var forms = new Option<long?>("--forms", "-n") { Description = "Number of forms (default 100, or unlimited with --size)" };
        var size = new Option<long?>("--size")
        {
            Description = "Stop once this much text is written: bytes, or with kB/MB/GB (10^3…) or KiB/MiB/GiB (2^10…), e.g. 100MB, 1GB",
            CustomParser = ParseSize,
        };
        var seed = new Option<int>("--seed", "-s") { Description = "Random seed: the same seed and options give the same output", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out", "-o") { Description = "Write the text to this file instead of stdout" };
        var errorRate = new Option<double>("--error-rate") { Description = "Share of forms with one deliberate mistake, 0–1", DefaultValueFactory = _ => 0.1 };
        var damageRate = new Option<double>("--damage-rate") { Description = "Share of forms with layout damage (split labels, page breaks …), 0–1", DefaultValueFactory = _ => 0.15 };
        var kind = new Option<string>("--kind")
        {
            Description = "Form kinds: mixed (about 90% self-evaluations), self-evaluation, target-declaration",
            DefaultValueFactory = _ => "mixed",
        }.AcceptOnlyFromAmong("mixed", "self-evaluation", "target-declaration");
        var manifest = new Option<string?>("--manifest") { Description = "Write the injected mistakes as JSON Lines to this file (one line per form with a mistake)" };
        var truth = new Option<string?>("--truth") { Description = "Write the generated forms as jixiao.form/1 JSON to this file (what a perfect reader extracts)" };
        errorRate.Validators.Add(r => ValidateRate(r, "--error-rate"));
        damageRate.Validators.Add(r => ValidateRate(r, "--damage-rate"));
        forms.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 0)
            {
                r.AddError("--forms must not be negative");
            }
        });

        var command = new Command("generate", "Write synthetic forms in the corpus text layout, with deliberate mistakes at a known rate")
        {
            forms, size, seed, output, errorRate, damageRate, kind, manifest, truth,
        };
        command.SetAction(parse =>
        {
            var options = new GeneratorOptions
            {
                ErrorRate = parse.GetValue(errorRate),
                DamageRate = parse.GetValue(damageRate),
                Kinds = parse.GetValue(kind) switch
                {
                    "self-evaluation" => GeneratedKinds.SelfEvaluation,
                    "target-declaration" => GeneratedKinds.TargetDeclaration,
                    _ => GeneratedKinds.Mixed,
                },
                FileName = parse.GetValue(output) ?? "generated.txt",
            };
            var maxBytes = parse.GetValue(size);
            var count = parse.GetValue(forms) ?? (maxBytes is null ? 100 : long.MaxValue);
            return Run(context, new FormGenerator(parse.GetValue(seed), options), count, maxBytes ?? long.MaxValue,
                parse.GetValue(output), parse.GetValue(manifest), parse.GetValue(truth));
        });
        return command;
    }

    private static int Run(CliContext context, FormGenerator generator, long count, long maxBytes, string? outPath, string? manifestPath, string? truthPath)
    {
        var utf8 = new UTF8Encoding(false);
        var files = new List<IDisposable>();
        try
        {
            TextWriter text;
            if (outPath is null)
            {
                text = context.Out;
            }
            else
            {
                var w = Create(outPath, utf8);
                files.Add(w);
                text = w;
            }

            StreamWriter? manifest = null;
            if (manifestPath is not null)
            {
                manifest = Create(manifestPath, utf8);
                files.Add(manifest);
            }

            FormJsonWriter? truth = null;
            if (truthPath is not null)
            {
                var stream = new FileStream(truthPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
                files.Add(stream);
                truth = new FormJsonWriter(stream, indented: false);
                files.Insert(0, truth);
            }

            var progress = new ProgressReporter(context, "generate");
            long bytes = 0, forms = 0;
            var summary = generator.WriteText(text, count, maxBytes, form =>
            {
                forms++;
                bytes += Encoding.UTF8.GetByteCount(form.Text);
                progress.Update(bytes, forms);
                truth?.Write(form.Form);
                if (manifest is not null && form.Mistakes.Count > 0)
                {
                    WriteManifestLine(manifest, form);
                }
            });
            truth?.Complete();
            text.Flush();
            progress.Finish(summary.Bytes, summary.Forms);
            if (outPath is not null || context.Verbose)
            {
                context.Err.WriteLine(
                    $"generated {summary.Forms:N0} forms ({summary.SelfEvaluations:N0} self-evaluations, {summary.Declarations:N0} target declarations), "
                    + $"{summary.FormsWithMistakes:N0} with a deliberate mistake, {summary.Bytes / 1_000_000.0:0.0} MB, {summary.Lines:N0} lines"
                    + (outPath is null ? "" : $" -> {outPath}"));
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            context.Error($"cannot write: {ex.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            foreach (var f in files)
            {
                f.Dispose();
            }
        }
    }

    private static StreamWriter Create(string path, Encoding encoding) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024), encoding, 1 << 20);

    private static void WriteManifestLine(StreamWriter manifest, GeneratedForm form)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, FormJsonWriter.CreateOptions(indented: false)))
        {
            json.WriteStartObject();
            json.WriteNumber("form", form.Ordinal);
            json.WriteNumber("firstLine", form.Form.Provenance?.FirstLine ?? 0);
            json.WriteNumber("lastLine", form.Form.Provenance?.LastLine ?? 0);
            json.WriteString("kind", form.Form.Kind.ToJsonLabel());
            json.WriteString("projectName", form.Form.ProjectName);
            json.WriteStartArray("mistakes");
            foreach (var m in form.Mistakes)
            {
                json.WriteStartObject();
                json.WriteString("kind", m.Kind.ToString());
                json.WriteString("field", m.Field);
                json.WriteString("description", m.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("damage");
            foreach (var d in form.Damage)
            {
                json.WriteStringValue(d.ToString());
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        manifest.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        manifest.Write('\n');
    }

    private static void ValidateRate(OptionResult result, string name)
    {
        var value = result.GetValueOrDefault<double>();
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            result.AddError($"{name} must be between 0 and 1, got {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Parses 1000, 100kB, 100MB, 1GB (powers of 10) and 1KiB, 1MiB, 1GiB (powers of 2).</summary>
    internal static long? ParseSize(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        if (TryParseSize(text, out var bytes))
        {
            return bytes;
        }

        result.AddError($"--size: expected a size such as 500000, 100MB, 1GB or 1GiB, got '{text}'");
        return null;
    }

    internal static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var units = new (string Suffix, long Factor)[]
        {
            ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
            ("kB", 1_000), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
        };
        var factor = 1L;
        var number = text;
        foreach (var (suffix, f) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                number = text[..^suffix.Length].Trim();
                break;
            }
        }

        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        var total = value * factor;
        if (total > long.MaxValue)
        {
            return false;
        }

        bytes = (long)total;
        return bytes > 0;
    }
}
