namespace Jixiao.Cli.Infrastructure;

/// <summary>What one run of <c>jixiao</c> shares: the output writers, the global options and the failure count.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, Stream? rawOutput, bool errorIsTerminal)
{
    /// <summary>Standard output (the data: JSON, findings, tables, generated text).</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Standard error (diagnostics, progress, one-line errors).</summary>
    public TextWriter Err { get; } = error;

    /// <summary>The byte stream behind <see cref="Out"/> when there is one (the console), for byte-level writers.</summary>
    public Stream? RawOut { get; } = rawOutput;

    /// <summary>True when stderr is an interactive terminal: progress is shown without --progress.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public bool Verbose { get; set; }

    public bool Progress { get; set; }

    /// <summary>Inputs that could not be read (missing, binary, malformed …); any makes the exit code 2.</summary>
    public int FailedInputs { get; set; }

    /// <summary>Writes <c>jixiao: error: message</c> on stderr.</summary>
    public void Error(string message) => Err.WriteLine($"jixiao: error: {message}");

    /// <summary>Writes <c>path[:line]: error: message</c> on stderr and counts the input as failed.</summary>
    public void InputFailed(string path, int line, string message)
    {
        FailedInputs++;
        Err.WriteLine(line > 0 ? $"{path}:{line}: error: {message}" : $"{path}: error: {message}");
    }

    /// <summary>
    /// The data output: the file <paramref name="path"/> (created or truncated), or stdout when it is null; null, with
    /// one error line, when the file cannot be created.
    /// </summary>
    public Stream? OpenOutput(string? path)
    {
        if (path is null)
        {
            return OpenOutStream();
        }

        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Error($"cannot write {path}: {ex.Message}");
            return null;
        }
    }

    /// <summary>A stream for byte output: the raw console stream, else an adapter over <see cref="Out"/>.</summary>
    public Stream OpenOutStream()
    {
        if (RawOut is not null)
        {
            Out.Flush();
            return new NonClosingStream(RawOut);
        }

        return new TextWriterStream(Out);
    }
}
