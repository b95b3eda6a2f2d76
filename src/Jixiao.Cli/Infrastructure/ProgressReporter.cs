using System.Diagnostics;

namespace Jixiao.Cli.Infrastructure;

/// <summary>
/// Progress on stderr for large inputs: at most once a second, only when stderr is a terminal (overwriting one
/// line) or when --progress asks for it (one line each time).
/// </summary>
internal sealed class ProgressReporter(CliContext context, string verb)
{
    private static readonly long Interval = Stopwatch.Frequency;
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _next = Stopwatch.GetTimestamp() + Interval;
    private bool _shown;

    private bool Enabled => context.Progress || context.ErrorIsTerminal;

    /// <summary>Called often; prints when a second has passed.</summary>
    public void Update(long bytes, long forms)
    {
        if (!Enabled)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (now < _next)
        {
            return;
        }

        _next = now + Interval;
        Print(bytes, forms, now);
    }

    /// <summary>Ends the progress line (a final figure when progress was shown).</summary>
    public void Finish(long bytes, long forms)
    {
        if (!Enabled || !_shown)
        {
            return;
        }

        Print(bytes, forms, Stopwatch.GetTimestamp());
        if (context.ErrorIsTerminal && !context.Progress)
        {
            context.Err.WriteLine();
        }
    }

    private void Print(long bytes, long forms, long now)
    {
        var seconds = Math.Max((now - _start) / (double)Stopwatch.Frequency, 1e-3);
        var mb = bytes / 1_000_000.0;
        var line = $"{verb}: {mb:0.0} MB, {forms:N0} forms, {mb / seconds:0.0} MB/s, {forms / seconds:N0} forms/s";
        if (context.ErrorIsTerminal && !context.Progress)
        {
            context.Err.Write("\r" + line + "   ");
        }
        else
        {
            context.Err.WriteLine(line);
        }

        _shown = true;
    }
}
