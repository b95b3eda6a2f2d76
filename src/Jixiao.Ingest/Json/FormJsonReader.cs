using System.Globalization;
using System.Text;
using System.Text.Json;
using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Json;

/// <summary>
/// Reads forms in the interchange format <c>jixiao.form/1</c> (docs/schema.md): a JSON array of form objects,
/// a single form object, or form objects one after another (JSON Lines). Streams: one form is held at a time.
/// </summary>
/// <remarks>
/// Never throws on bad input. Every problem is reported as a <see cref="Diagnostic"/> with the file, the line and
/// the JSON path of the value, and what was expected there
/// (<c>forms.json:12: error: $[0].funds.total.executed: expected a number or null, found a string "abc"</c>).
/// A value of the wrong type is read as null and the form is still returned; a form whose <c>schema</c> names
/// another format is skipped; a syntax error ends the file (what came before it is returned).
/// As with the text reader, problems inside a returned form go into its <see cref="PerformanceForm.Diagnostics"/>;
/// problems of the input as a whole (syntax, a value that is not a form, a skipped form) go to the report callback.
/// </remarks>
public static class FormJsonReader
{
    /// <summary>Reads the forms of a JSON file; a file that cannot be opened gives one error diagnostic.</summary>
    public static IEnumerable<PerformanceForm> ReadFile(string path, Action<Diagnostic>? report)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            report?.Invoke(new Diagnostic(path, 0, DiagnosticSeverity.Error, ReaderMessages.JsonCannotOpen.Format(ex.Message)));
            return [];
        }

        return ReadAndDispose(stream, path, report);
    }

    /// <summary>Reads the forms of a JSON document held in a string.</summary>
    public static IEnumerable<PerformanceForm> ReadString(string json, string fileName, Action<Diagnostic>? report) =>
        ReadAndDispose(new MemoryStream(Encoding.UTF8.GetBytes(json ?? ""), writable: false), fileName, report);

    /// <summary>Reads the forms of a UTF-8 JSON stream (left open), one at a time.</summary>
    public static IEnumerable<PerformanceForm> Read(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new StreamState(stream, fileName ?? "", report);
        while (reader.TryNext(out var form))
        {
            if (form is not null)
            {
                yield return form;
            }
        }
    }

    private static IEnumerable<PerformanceForm> ReadAndDispose(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        using (stream)
        {
            foreach (var form in Read(stream, fileName, report))
            {
                yield return form;
            }
        }
    }

    /// <summary>Finds the forms in the byte stream: buffer management, root shape and syntax errors.</summary>
    private sealed class StreamState(Stream stream, string fileName, Action<Diagnostic>? report)
    {
        private enum Phase
        {
            Start,
            InArray,
            ObjectSequence,
            Done,
        }

        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private bool _eof;
        private Phase _phase;
        private int _index;

        // the offset in the file of _buffer[0], for byte offsets in messages
        private long _bufferOffset;

        // line bookkeeping: the line of _buffer[_scanPos] is _scanLine (1-based)
        private int _scanPos;
        private long _scanLine = 1;

        public bool TryNext(out PerformanceForm? form)
        {
            form = null;
            try
            {
                return Step(out form);
            }
            catch (IOException ex)
            {
                Report(LineAt(_start), ReaderMessages.JsonCannotRead.Format(ex.Message));
                _phase = Phase.Done;
                return false;
            }
        }

        private bool Step(out PerformanceForm? form)
        {
            form = null;
            while (true)
            {
                switch (_phase)
                {
                    case Phase.Done:
                        return false;

                    case Phase.Start:
                    {
                        if (!SkipWhitespace())
                        {
                            Report(LineAt(_start), ReaderMessages.JsonEmpty.Format());
                            _phase = Phase.Done;
                            return false;
                        }

                        var b = _buffer[_start];
                        if (b == (byte)'[')
                        {
                            _start++;
                            _phase = Phase.InArray;
                        }
                        else if (b == (byte)'{')
                        {
                            _phase = Phase.ObjectSequence;
                        }
                        else
                        {
                            Report(LineAt(_start), ReaderMessages.JsonStart.Format(DescribeByte(b)));
                            _phase = Phase.Done;
                            return false;
                        }

                        continue;
                    }

                    case Phase.InArray:
                    {
                        if (!SkipWhitespace())
                        {
                            Report(LineAt(_start), ReaderMessages.JsonArrayNotClosed.Format(_index));
                            _phase = Phase.Done;
                            return false;
                        }

                        var b = _buffer[_start];
                        if (b == (byte)']')
                        {
                            _start++;
                            CheckTrailing();
                            _phase = Phase.Done;
                            return false;
                        }

                        if (_index > 0)
                        {
                            if (b != (byte)',')
                            {
                                Report(LineAt(_start), ReaderMessages.JsonArraySeparator.Format(_index - 1, DescribeByte(b)));
                                _phase = Phase.Done;
                                return false;
                            }

                            _start++;
                            if (!SkipWhitespace())
                            {
                                Report(LineAt(_start), ReaderMessages.JsonArrayEnded.Format(_index));
                                _phase = Phase.Done;
                                return false;
                            }
                        }

                        var result = ReadElement($"$[{_index}]", out form);
                        _index++;
                        return result;
                    }

                    case Phase.ObjectSequence:
                    {
                        if (!SkipWhitespace())
                        {
                            _phase = Phase.Done;
                            return false;
                        }

                        var path = _index == 0 ? "$" : $"$ (value {_index + 1})";
                        var result = ReadElement(path, out form);
                        _index++;
                        return result;
                    }
                }
            }
        }

        /// <summary>Reads the value starting at <see cref="_start"/>; false when reading must stop.</summary>
        private bool ReadElement(string path, out PerformanceForm? form)
        {
            form = null;
            while (true)
            {
                var length = MeasureValue(out var syntaxError, out var errorOffset, out var errorLineInValue);
                if (syntaxError is not null)
                {
                    var line = errorLineInValue >= 0 ? LineAt(_start) + errorLineInValue : LineAt(_start + errorOffset);
                    Report(line, ReaderMessages.JsonSyntax.Format(path, syntaxError));
                    _phase = Phase.Done;
                    return false;
                }

                if (length < 0)
                {
                    if (_eof)
                    {
                        Report(LineAt(_start), ReaderMessages.JsonNotClosed.Format(path));
                        _phase = Phase.Done;
                        return false;
                    }

                    Fill();
                    continue;
                }

                var slice = new ReadOnlySpan<byte>(_buffer, _start, length);
                var firstLine = LineAt(_start);
                var mapper = new FormMapper(fileName, report, slice, firstLine, _bufferOffset + _start);
                form = mapper.Map(path);
                _start += length;
                return true;
            }
        }

        /// <summary>The byte length of the complete JSON value at <see cref="_start"/>, or -1 when more input is needed.</summary>
        private int MeasureValue(out string? error, out int errorOffset, out long errorLine)
        {
            error = null;
            errorOffset = 0;
            errorLine = -1;
            var reader = new Utf8JsonReader(
                new ReadOnlySpan<byte>(_buffer, _start, _end - _start),
                isFinalBlock: _eof,
                new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true }));
            try
            {
                if (!reader.Read())
                {
                    return -1;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return -1;
                }

                return checked((int)reader.BytesConsumed);
            }
            catch (JsonException ex)
            {
                if (IsEndOfData(ex))
                {
                    // not closed before the end of the data: more input, or (at the end) an unclosed value
                    return -1;
                }

                error = CleanMessage(ex.Message);
                errorOffset = checked((int)reader.BytesConsumed);
                errorLine = ex.LineNumber ?? -1;
                return 0;
            }
        }

        private static bool IsEndOfData(JsonException ex) =>
            ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("depth to be zero", StringComparison.OrdinalIgnoreCase);

        private void CheckTrailing()
        {
            if (SkipWhitespace())
            {
                Report(LineAt(_start), ReaderMessages.JsonTrailing.Format(DescribeByte(_buffer[_start])), DiagnosticSeverity.Warning);
            }
        }

        /// <summary>Moves <see cref="_start"/> over white space (and a BOM); false at the end of input.</summary>
        private bool SkipWhitespace()
        {
            while (true)
            {
                while (_start < _end)
                {
                    var b = _buffer[_start];
                    if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                    {
                        _start++;
                    }
                    else if (b == 0xEF && _end - _start >= 3 && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
                    {
                        _start += 3;
                    }
                    else
                    {
                        return true;
                    }
                }

                if (_eof)
                {
                    return false;
                }

                Fill();
            }
        }

        /// <summary>Discards consumed bytes, grows the buffer when one value fills it, and reads more input.</summary>
        private void Fill()
        {
            if (_start > 0)
            {
                AdvanceScan(_start);
                var remaining = _end - _start;
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
                _scanPos -= _start;
                _bufferOffset += _start;
                _end = remaining;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            // read until a useful amount arrived: streams that return a few bytes at a time would make the
            // completeness scan of a large form quadratic
            var wanted = Math.Min(16 * 1024, _buffer.Length - _end);
            var got = 0;
            while (got < wanted)
            {
                var read = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _eof = true;
                    break;
                }

                _end += read;
                got += read;
            }
        }

        private long LineAt(int position)
        {
            AdvanceScan(position);
            return _scanLine;
        }

        private void AdvanceScan(int position)
        {
            if (position > _scanPos)
            {
                _scanLine += new ReadOnlySpan<byte>(_buffer, _scanPos, position - _scanPos).Count((byte)'\n');
                _scanPos = position;
            }
        }

        private void Report(long line, LocalText message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
            report?.Invoke(new Diagnostic(fileName, (int)Math.Min(line, int.MaxValue), severity, message));

        private static object DescribeByte(byte b) =>
            b is >= 0x20 and < 0x7F ? $"'{(char)b}'" : (object)ReaderMessages.JsonByte.Format(b.ToString("X2", CultureInfo.InvariantCulture));

        /// <summary>Drops System.Text.Json's own position suffix: our message carries file and line.</summary>
        private static string CleanMessage(string message)
        {
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (cut >= 0 ? message[..cut] : message).TrimEnd();
        }
    }

    /// <summary>Maps one complete form object to the model, reporting type errors with their JSON paths.</summary>
    private ref struct FormMapper
    {
        private readonly string _file;
        private readonly Action<Diagnostic>? _report;
        private readonly ReadOnlySpan<byte> _json;
        private readonly long _firstLine;
        private readonly long _offset;
        private Utf8JsonReader _reader;
        private List<Diagnostic>? _diagnostics;

        /// <summary>A mapper of <paramref name="json"/>, which begins at line <paramref name="firstLine"/> and byte <paramref name="offset"/> of the file (for messages).</summary>
        public FormMapper(string file, Action<Diagnostic>? report, ReadOnlySpan<byte> json, long firstLine, long offset)
        {
            _file = file;
            _report = report;
            _json = json;
            _firstLine = firstLine;
            _offset = offset;
            _reader = new Utf8JsonReader(json, isFinalBlock: true, default);
        }

        public PerformanceForm? Map(string path)
        {
            _reader.Read();
            if (_reader.TokenType != JsonTokenType.StartObject)
            {
                Error(ReaderMessages.JsonNotFormObject.Format(path, Describe()));
                Flush(null);
                return null;
            }

            var form = new PerformanceForm();
            string? schema = null;
            var sawSchema = false;
            var sawKind = false;
            var sawSelfEvaluationFunds = false;
            var sawDeclarationFunds = false;
            var selfFunds = new SelfEvaluationFunds();
            var declarationFunds = new DeclarationFunds();
            var goals = new Goals();
            var schemaLine = _firstLine;
            var sawFormMember = false;
            List<string>? others = null;

            while (NextMember(path, out var name, out var memberPath))
            {
                sawFormMember |= name is JsonNames.Kind or JsonNames.ProjectName;
                switch (name)
                {
                    case JsonNames.Schema:
                        sawSchema = true;
                        schemaLine = CurrentLine();
                        schema = ReadString(memberPath);
                        break;
                    case JsonNames.Kind:
                        sawKind = true;
                        var kind = ReadString(memberPath);
                        if (kind == JsonNames.KindTargetDeclaration)
                        {
                            form.Kind = FormKind.TargetDeclaration;
                        }
                        else if (kind == JsonNames.KindSelfEvaluation)
                        {
                            form.Kind = FormKind.SelfEvaluation;
                        }
                        else if (kind == JsonNames.KindDepartmentSelfEvaluation)
                        {
                            form.Kind = FormKind.DepartmentSelfEvaluation;
                        }
                        else
                        {
                            sawKind = false;
                            if (kind is not null)
                            {
                                Error(ReaderMessages.JsonKind.Format(memberPath, kind));
                            }
                        }

                        break;
                    case JsonNames.Year:
                        form.Year = ReadInt(memberPath);
                        break;
                    case JsonNames.ProjectName:
                        form.ProjectName = ReadString(memberPath) ?? "";
                        break;
                    case JsonNames.Department:
                        form.Department = ReadString(memberPath);
                        break;
                    case JsonNames.ImplementingUnit:
                        form.ImplementingUnit = ReadString(memberPath);
                        break;
                    case JsonNames.Category:
                        form.Category = ReadString(memberPath);
                        break;
                    case JsonNames.PlannedStart:
                        form.PlannedStart = ReadDate(memberPath);
                        break;
                    case JsonNames.PlannedEnd:
                        form.PlannedEnd = ReadDate(memberPath);
                        break;
                    case JsonNames.MoneyUnit:
                        var unit = ReadString(memberPath);
                        if (unit == "万元")
                        {
                            form.MoneyUnit = MoneyUnit.TenThousandYuan;
                        }
                        else if (unit == "元")
                        {
                            form.MoneyUnit = MoneyUnit.Yuan;
                        }
                        else if (unit is not null)
                        {
                            Error(ReaderMessages.JsonUnit.Format(memberPath, unit));
                        }

                        break;
                    case JsonNames.Funds:
                        ReadFunds(memberPath, selfFunds, declarationFunds, ref sawSelfEvaluationFunds, ref sawDeclarationFunds);
                        break;
                    case JsonNames.Goals:
                        ReadGoals(memberPath, goals);
                        break;
                    case JsonNames.Indicators:
                        ReadIndicators(memberPath, form.Indicators);
                        break;
                    case JsonNames.TotalWeight:
                        form.TotalWeight = ReadDecimal(memberPath);
                        break;
                    case JsonNames.TotalScore:
                        form.TotalScore = ReadDecimal(memberPath);
                        break;
                    case JsonNames.Grade:
                        form.Grade = ReadString(memberPath);
                        break;
                    case JsonNames.Provenance:
                        form.Provenance = ReadProvenance(memberPath);
                        break;
                    case JsonNames.Region:
                        form.Details.Region = ReadString(memberPath);
                        break;
                    case JsonNames.ProjectCode:
                        form.Details.ProjectCode = ReadText(memberPath);
                        break;
                    case JsonNames.ProjectType:
                        form.Details.ProjectType = ReadString(memberPath);
                        break;
                    case JsonNames.ImplementationPeriod:
                        form.Details.ImplementationPeriod = ReadText(memberPath);
                        break;
                    case JsonNames.NewProject:
                        form.Details.NewProject = ReadBool(memberPath);
                        break;
                    case JsonNames.AllocationMethod:
                        form.Details.AllocationMethod = ReadString(memberPath);
                        break;
                    case JsonNames.Basis:
                        ReadTexts(memberPath, (JsonNames.Policy, v => form.Details.PolicyBasis = v), (JsonNames.Calculation, v => form.Details.CalculationBasis = v));
                        break;
                    case JsonNames.Conclusion:
                        ReadTexts(memberPath, (JsonNames.Summary, v => form.Details.ConclusionSummary = v),
                            (JsonNames.Problems, v => form.Details.ConclusionProblems = v), (JsonNames.Measures, v => form.Details.ConclusionMeasures = v));
                        break;
                    case JsonNames.Extra:
                        ReadExtra(memberPath, form.Details.Extra);
                        break;
                    case JsonNames.Source:
                        ReadSource(memberPath, form.Details);
                        break;
                    default:
                        // Extension members of other producers are allowed and ignored.
                        if ((others ??= []).Count < 5)
                        {
                            others.Add(name);
                        }

                        _reader.Skip();
                        break;
                }
            }

            if (!sawFormMember && !(sawSchema && schema != FormJsonWriter.SchemaId))
            {
                // {"a":1} is not an empty form (an object naming another schema is reported by that, below): nothing of it is read, and the file says so
                var found = others is { Count: > 0 }
                    ? ReaderMessages.JsonFoundOnly.Format(string.Join(", ", others.Select(o => $"\"{Shorten(o)}\"")))
                    : ReaderMessages.JsonFoundNoMember.Format();
                FileError(ReaderMessages.JsonNotAForm.Format(path, found), _firstLine);
                Flush(null);
                return null;
            }

            if (sawSchema && schema != FormJsonWriter.SchemaId)
            {
                Error(ReaderMessages.JsonSchema.Format(path + "." + JsonNames.Schema, schema is null ? "null" : $"\"{schema}\""), schemaLine);
                Flush(null);
                return null;
            }

            if (!sawSchema)
            {
                Warning(ReaderMessages.JsonNoSchema.Format(path), _firstLine);
            }

            if (!sawKind)
            {
                form.Kind = sawDeclarationFunds && !sawSelfEvaluationFunds ? FormKind.TargetDeclaration : FormKind.SelfEvaluation;
                Error(ReaderMessages.JsonKindMissing.Format(path + "." + JsonNames.Kind, form.Kind.ToJsonLabel()), _firstLine);
            }

            if (form.Kind == FormKind.TargetDeclaration)
            {
                form.DeclarationFunds = declarationFunds;
                if (sawSelfEvaluationFunds)
                {
                    Warning(ReaderMessages.JsonSelfFundsInDeclaration.Format(path + "." + JsonNames.Funds), _firstLine);
                }
            }
            else
            {
                form.SelfEvaluationFunds = selfFunds;
                if (sawDeclarationFunds)
                {
                    Warning(ReaderMessages.JsonDeclarationFundsInSelf.Format(path + "." + JsonNames.Funds), _firstLine);
                }
            }

            form.Goals = goals;
            Flush(form);
            return form;
        }

        private void ReadFunds(string path, SelfEvaluationFunds self, DeclarationFunds declaration, ref bool sawSelf, ref bool sawDeclaration)
        {
            if (!ExpectObject(path))
            {
                return;
            }

            while (NextMember(path, out var name, out var p))
            {
                switch (name)
                {
                    case JsonNames.Total:
                        self.Total = Noted(ReadFundLine(p), ref sawSelf);
                        break;
                    case JsonNames.Appropriation:
                        self.Appropriation = Noted(ReadFundLine(p), ref sawSelf);
                        break;
                    case JsonNames.Carryover:
                        self.Carryover = Noted(ReadFundLine(p), ref sawSelf);
                        break;
                    case JsonNames.Other:
                        self.Other = Noted(ReadFundLine(p), ref sawSelf);
                        break;
                    case JsonNames.ProjectTotal:
                        declaration.ProjectTotal = Noted(ReadDecimal(p), ref sawDeclaration);
                        break;
                    case JsonNames.ProjectFiscal:
                        declaration.ProjectFiscal = Noted(ReadDecimal(p), ref sawDeclaration);
                        break;
                    case JsonNames.ProjectOther:
                        declaration.ProjectOther = Noted(ReadDecimal(p), ref sawDeclaration);
                        break;
                    case JsonNames.AnnualTotal:
                        declaration.AnnualTotal = Noted(ReadDecimal(p), ref sawDeclaration);
                        break;
                    case JsonNames.AnnualAppropriation:
                        declaration.AnnualAppropriation = Noted(ReadDecimal(p), ref sawDeclaration);
                        break;
                    case JsonNames.AnnualCarryover:
                        declaration.AnnualCarryover = Noted(ReadDecimal(p), ref sawDeclaration);
                        break;
                    case JsonNames.AnnualOther:
                        declaration.AnnualOther = Noted(ReadDecimal(p), ref sawDeclaration);
                        break;
                    default:
                        _reader.Skip();
                        break;
                }
            }
        }

        private FundLine? ReadFundLine(string path)
        {
            if (!ExpectObject(path))
            {
                return null;
            }

            var line = new FundLine();
            while (NextMember(path, out var name, out var p))
            {
                switch (name)
                {
                    case JsonNames.InitialBudget:
                        line.InitialBudget = ReadDecimal(p);
                        break;
                    case JsonNames.AnnualBudget:
                        line.AnnualBudget = ReadDecimal(p);
                        break;
                    case JsonNames.Executed:
                        line.Executed = ReadDecimal(p);
                        break;
                    case JsonNames.Weight:
                        line.Weight = ReadDecimal(p);
                        break;
                    case JsonNames.ExecutionRate:
                        line.ExecutionRate = ReadDecimal(p);
                        break;
                    case JsonNames.Score:
                        line.Score = ReadDecimal(p);
                        break;
                    default:
                        _reader.Skip();
                        break;
                }
            }

            return line;
        }

        private void ReadGoals(string path, Goals goals)
        {
            if (!ExpectObject(path))
            {
                return;
            }

            while (NextMember(path, out var name, out var p))
            {
                switch (name)
                {
                    case JsonNames.Expected:
                        goals.Expected = ReadString(p);
                        break;
                    case JsonNames.Actual:
                        goals.Actual = ReadString(p);
                        break;
                    case JsonNames.Overall:
                        goals.Overall = ReadString(p);
                        break;
                    case JsonNames.Annual:
                        goals.Annual = ReadString(p);
                        break;
                    case JsonNames.LongTerm:
                        goals.LongTerm = ReadString(p);
                        break;
                    default:
                        _reader.Skip();
                        break;
                }
            }
        }

        private void ReadIndicators(string path, List<Indicator> indicators)
        {
            if (_reader.TokenType == JsonTokenType.Null)
            {
                return;
            }

            if (_reader.TokenType != JsonTokenType.StartArray)
            {
                Error(ReaderMessages.JsonIndicators.Format(path, Describe()));
                _reader.Skip();
                return;
            }

            var index = 0;
            while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
            {
                var p = $"{path}[{index}]";
                index++;
                if (_reader.TokenType != JsonTokenType.StartObject)
                {
                    Error(ReaderMessages.JsonIndicator.Format(p, Describe()));
                    _reader.Skip();
                    continue;
                }

                var indicator = new Indicator { SourceLine = 0 };
                while (NextMember(p, out var name, out var mp))
                {
                    switch (name)
                    {
                        case JsonNames.Level1:
                            indicator.Level1 = ReadString(mp);
                            break;
                        case JsonNames.Level2:
                            indicator.Level2 = ReadString(mp);
                            break;
                        case JsonNames.Name:
                            indicator.Name = ReadString(mp) ?? "";
                            break;
                        case JsonNames.Target:
                            indicator.Target = ReadString(mp);
                            break;
                        case JsonNames.Actual:
                            indicator.Actual = ReadString(mp);
                            break;
                        case JsonNames.Weight:
                            indicator.Weight = ReadDecimal(mp);
                            break;
                        case JsonNames.Score:
                            indicator.Score = ReadDecimal(mp);
                            break;
                        case JsonNames.Deviation:
                            indicator.Deviation = ReadString(mp);
                            break;
                        case JsonNames.Operator:
                            indicator.Operator = ReadString(mp);
                            break;
                        case JsonNames.Unit:
                            indicator.Unit = ReadString(mp);
                            break;
                        case JsonNames.Explanation:
                            indicator.Explanation = ReadString(mp);
                            break;
                        default:
                            _reader.Skip();
                            break;
                    }
                }

                indicators.Add(indicator);
            }
        }

        /// <summary>An object of optional text members (basis, conclusion): each known member handed to its setter, others skipped.</summary>
        private void ReadTexts(string path, params (string Name, Action<string?> Set)[] members)
        {
            if (!ExpectObject(path))
            {
                return;
            }

            while (NextMember(path, out var name, out var p))
            {
                var index = Array.FindIndex(members, m => m.Name == name);
                if (index >= 0)
                {
                    members[index].Set(ReadString(p));
                }
                else
                {
                    _reader.Skip();
                }
            }
        }

        private void ReadExtra(string path, Dictionary<string, string> extra)
        {
            if (!ExpectObject(path))
            {
                return;
            }

            while (NextMember(path, out var name, out var p))
            {
                if (ReadText(p) is { } value)
                {
                    extra[name] = value;
                }
            }
        }

        private void ReadSource(string path, FormDetails details)
        {
            if (!ExpectObject(path))
            {
                return;
            }

            while (NextMember(path, out var name, out var p))
            {
                switch (name)
                {
                    case JsonNames.Format:
                        details.SourceFormat = ReadString(p);
                        break;
                    case JsonNames.Sheet:
                        details.SourceSheet = ReadString(p);
                        break;
                    case JsonNames.Page:
                        details.SourcePage = ReadInt(p);
                        break;
                    default:
                        _reader.Skip();
                        break;
                }
            }
        }

        /// <summary>A text member that a producer may have written as a number (a code, a period): kept as its JSON text.</summary>
        private string? ReadText(string path) =>
            _reader.TokenType == JsonTokenType.Number ? System.Text.Encoding.UTF8.GetString(_reader.ValueSpan) : ReadString(path);

        private bool? ReadBool(string path)
        {
            switch (_reader.TokenType)
            {
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                default:
                    Error(ReaderMessages.JsonBoolean.Format(path, Describe()));
                    _reader.Skip();
                    return null;
            }
        }

        private Provenance? ReadProvenance(string path)
        {
            if (!ExpectObject(path))
            {
                return null;
            }

            string? file = null;
            int? first = null;
            int? last = null;
            while (NextMember(path, out var name, out var p))
            {
                switch (name)
                {
                    case JsonNames.File:
                        file = ReadString(p);
                        break;
                    case JsonNames.FirstLine:
                        first = ReadInt(p);
                        break;
                    case JsonNames.LastLine:
                        last = ReadInt(p);
                        break;
                    default:
                        _reader.Skip();
                        break;
                }
            }

            return new Provenance(file ?? "", first ?? 0, last ?? first ?? 0);
        }

        /// <summary>
        /// Moves to the next member of the current object: its name, its JSON path under <paramref name="path"/>,
        /// and the reader on its value; false at the end of the object.
        /// </summary>
        private bool NextMember(string path, out string name, out string memberPath)
        {
            if (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
            {
                name = GetString(path) ?? "";
                _reader.Read();
                memberPath = path + "." + name;
                return true;
            }

            name = "";
            memberPath = "";
            return false;
        }

        /// <summary>
        /// True when the current token is of type <paramref name="expected"/>; null is accepted silently (false);
        /// any other value is reported as not <paramref name="what"/>, skipped, and gives false.
        /// </summary>
        private bool Expect(string path, JsonTokenType expected, MessageTemplate what)
        {
            if (_reader.TokenType == expected)
            {
                return true;
            }

            if (_reader.TokenType != JsonTokenType.Null)
            {
                Error(ReaderMessages.JsonExpected.Format(path, what.Format(), Describe()));
                _reader.Skip();
            }

            return false;
        }

        /// <summary>True when the current token opens an object; null is accepted silently (false).</summary>
        private bool ExpectObject(string path) => Expect(path, JsonTokenType.StartObject, ReaderMessages.AnObject);

        private string? ReadString(string path) =>
            Expect(path, JsonTokenType.String, ReaderMessages.AString) ? GetString(path) : null;

        /// <summary>
        /// The current string token (a value or a member name) as text; null, with an error naming its byte offset,
        /// when its bytes are not valid UTF-8 — a file saved in GB18030/GBK and called JSON.
        /// </summary>
        private string? GetString(string path)
        {
            try
            {
                return _reader.GetString();
            }
            catch (InvalidOperationException)
            {
                var raw = _reader.ValueSpan;
                var status = System.Text.Unicode.Utf8.ToUtf16(raw, new char[raw.Length], out var valid, out _, replaceInvalidSequences: false);
                var index = status == System.Buffers.OperationStatus.InvalidData ? valid : 0;
                var offset = _offset + _reader.TokenStartIndex + 1 + index;
                var bytes = Convert.ToHexString(raw.Slice(index, Math.Min(2, raw.Length - index)));
                FileError(ReaderMessages.JsonInvalidUtf8.Format(path, offset, bytes), CurrentLine());
                return null;
            }
        }

        private decimal? ReadDecimal(string path)
        {
            if (!Expect(path, JsonTokenType.Number, ReaderMessages.ANumber))
            {
                return null;
            }

            if (_reader.TryGetDecimal(out var value))
            {
                return value;
            }

            Error(ReaderMessages.JsonOutOfRange.Format(path, Raw()));
            return null;
        }

        private int? ReadInt(string path)
        {
            if (!Expect(path, JsonTokenType.Number, ReaderMessages.AWholeNumber))
            {
                return null;
            }

            if (_reader.TryGetInt32(out var value))
            {
                return value;
            }

            Error(ReaderMessages.JsonWholeNumber.Format(path, Raw()));
            return null;
        }

        /// <summary>Returns <paramref name="value"/>, setting <paramref name="seen"/> when it is present.</summary>
        private static FundLine? Noted(FundLine? value, ref bool seen)
        {
            seen |= value is not null;
            return value;
        }

        private static decimal? Noted(decimal? value, ref bool seen)
        {
            seen |= value is not null;
            return value;
        }

        private DateOnly? ReadDate(string path)
        {
            var text = ReadString(path);
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(ReaderMessages.JsonDate.Format(path, text));
            return null;
        }

        private readonly string Raw() => Encoding.UTF8.GetString(_reader.ValueSpan);

        private readonly object Describe() => _reader.TokenType switch
        {
            JsonTokenType.String => ReaderMessages.TheString.Format(Shorten(DescribeString())),
            JsonTokenType.Number => ReaderMessages.TheNumber.Format(Raw()),
            JsonTokenType.StartObject => ReaderMessages.AnObject.Format(),
            JsonTokenType.StartArray => ReaderMessages.AnArray.Format(),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => "null",
            _ => _reader.TokenType.ToString(),
        };

        /// <summary>The current string for a message, with invalid UTF-8 replaced (U+FFFD).</summary>
        private readonly string DescribeString() => _reader.ValueIsEscaped ? SafeGetString() : Encoding.UTF8.GetString(_reader.ValueSpan);

        private readonly string SafeGetString()
        {
            try
            {
                return _reader.GetString() ?? "";
            }
            catch (InvalidOperationException)
            {
                return Encoding.UTF8.GetString(_reader.ValueSpan);
            }
        }

        private static string Shorten(string? text) =>
            text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";

        private readonly long CurrentLine()
        {
            var offset = (int)Math.Min(_reader.TokenStartIndex, _json.Length);
            return _firstLine + _json[..offset].Count((byte)'\n');
        }

        private void Error(LocalText message, long? line = null) =>
            Add(DiagnosticSeverity.Error, message, line ?? CurrentLine());

        /// <summary>An error of the file rather than of one form (it fails an import): reported at once, never kept in a form.</summary>
        private readonly void FileError(LocalText message, long line) =>
            _report?.Invoke(new Diagnostic(_file, (int)Math.Min(line, int.MaxValue), DiagnosticSeverity.Error, message));

        private void Warning(LocalText message, long line) =>
            Add(DiagnosticSeverity.Warning, message, line);

        private void Add(DiagnosticSeverity severity, LocalText message, long line)
        {
            _diagnostics ??= [];
            _diagnostics.Add(new Diagnostic(_file, (int)Math.Min(line, int.MaxValue), severity, message));
        }

        private readonly void Flush(PerformanceForm? form)
        {
            if (_diagnostics is null)
            {
                return;
            }

            foreach (var d in _diagnostics)
            {
                if (form is null)
                {
                    _report?.Invoke(d);
                }
                else
                {
                    form.Diagnostics.Add(d);
                }
            }
        }
    }
}
