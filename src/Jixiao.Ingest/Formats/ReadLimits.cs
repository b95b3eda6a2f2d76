using Jixiao.Core.Forms;

namespace Jixiao.Ingest.Formats;

/// <summary>
/// The budget of reading one file (读取限额): how long, how many cells, pages and uncompressed bytes a reader may
/// spend before it stops with a clear error, keeping the forms read so far. Guards against a 500-page PDF, a
/// workbook with a million rows or a ZIP bomb renamed .xlsx taking the server's time and memory.
/// </summary>
/// <param name="MaxDuration">Longest time a file may take to read (default 2 minutes).</param>
/// <param name="MaxCells">Most table cells read from one file (default 5,000,000).</param>
/// <param name="MaxPages">Most pages of one PDF (default 2,000).</param>
/// <param name="MaxUncompressedBytes">Most bytes one part of a ZIP container (xlsx, docx) may expand to (default 256 MiB).</param>
/// <param name="MaxCompressionRatio">Highest ratio of a ZIP part's expanded to compressed size (default 200: plain XML rarely exceeds 50).</param>
public sealed record ReadLimits(
    TimeSpan MaxDuration,
    long MaxCells = 5_000_000,
    int MaxPages = 2_000,
    long MaxUncompressedBytes = 256L * 1024 * 1024,
    double MaxCompressionRatio = 200)
{
    /// <summary>The defaults: 2 minutes, 5,000,000 cells, 2,000 pages, 256 MiB per ZIP part, ratio 200.</summary>
    public static ReadLimits Default { get; } = new(TimeSpan.FromMinutes(2));
}

/// <summary>
/// The budget of one reading in progress: a reader calls <see cref="Spend"/> as it goes and stops when it throws
/// <see cref="ReadBudgetExceededException"/>, whose message says what was exceeded, in a user's words.
/// </summary>
public sealed class ReadBudget
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private long cells;

    public ReadBudget(ReadLimits? limits = null)
    {
        Limits = limits ?? ReadLimits.Default;
    }

    public ReadLimits Limits { get; }

    /// <summary>Cells read so far.</summary>
    public long Cells => cells;

    /// <summary>Counts <paramref name="newCells"/> more cells and checks the time; throws when a limit is passed.</summary>
    public void Spend(long newCells = 0)
    {
        cells += newCells;
        if (cells > Limits.MaxCells)
        {
            throw new ReadBudgetExceededException(ReaderMessages.TooManyCells.Format(Limits.MaxCells));
        }

        if (clock.Elapsed > Limits.MaxDuration)
        {
            throw new ReadBudgetExceededException(ReaderMessages.TooSlow.Format(Limits.MaxDuration.TotalSeconds));
        }
    }

    /// <summary>Checks a page number against <see cref="ReadLimits.MaxPages"/>.</summary>
    public void Page(int page)
    {
        if (page > Limits.MaxPages)
        {
            throw new ReadBudgetExceededException(ReaderMessages.TooManyPages.Format(Limits.MaxPages));
        }

        Spend();
    }
}

/// <summary>Thrown by <see cref="ReadBudget"/> when a file passes a limit of <see cref="ReadLimits"/>; its message is for the user, in both languages.</summary>
public sealed class ReadBudgetExceededException(LocalText text) : Exception(text?.En)
{
    /// <summary>What was passed, in Chinese and English.</summary>
    public LocalText Text { get; } = text ?? throw new ArgumentNullException(nameof(text));
}
